// The function app on a Flex Consumption plan, identity-based everywhere. The app settings below
// are the single source of the names the code reads (Settings.java, %NAME% binding expressions);
// main.bicep outputs the same names and local.settings.json.example lists them.

@description('Required. Function app name.')
param name string

@description('Required. Flex Consumption plan name.')
param planName string

@description('Required. Azure region.')
param location string

@description('Optional. Tags.')
param tags object = {}

@description('Optional. azd service name this app deploys (azure.yaml).')
param serviceName string = 'api'

@description('Required. Resource id of the user-assigned identity.')
param identityId string

@description('Required. Client id of the user-assigned identity.')
param identityClientId string

@description('Required. Host storage account name.')
param hostStorageAccountName string

@description('Required. Blob container in the host storage account that holds the deployment package.')
param deploymentContainerName string

@description('Required. Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Required. Event Hubs fully qualified namespace (<name>.servicebus.windows.net).')
param eventHubFullyQualifiedNamespace string

@description('Required. Hub the app reads.')
param eventHubName string

@description('Required. Consumer group of the app.')
param eventHubConsumerGroup string

@description('Required. Cosmos DB endpoint.')
param cosmosEndpoint string

@description('Required. Cosmos DB database.')
param cosmosDatabase string

@description('Required. Blob endpoint of the archive storage account.')
param archiveBlobEndpoint string

@description('Optional. full | redacted | metadata: what prompt/response text is stored outside the raw archive.')
@allowed([
  'full'
  'redacted'
  'metadata'
])
param contentMode string = 'full'

@description('Optional. Larger message contents go to Blob with a pointer and a preview in the document.')
@minValue(1024)
@maxValue(1500000)
param contentInlineMaxBytes int = 262144

@description('Optional. NCRONTAB schedule (six fields) of the sweeper that finalises incomplete calls.')
param sweepSchedule string = '0 */2 * * * *'

@description('Optional. Minutes an incomplete call waits for missing chunks before the sweeper finalises it.')
@minValue(0)
param sweepGraceMinutes int = 10

@description('Optional. Path of a price table file overriding the bundled one; empty uses the bundled table.')
param priceTablePath string = ''

@description('Optional. Prompt token count from which a call is flagged operational.large_prompt.')
@minValue(1)
param largePromptTokens int = 32000

@description('Optional. The maxSizeInBytes APIM logs each request/response with; lets the code tell a truncated message from a complete one.')
@minValue(1)
@maxValue(2097152)
param apimLlmLogMaxBytes int = 262144

@description('Optional. Memory per instance (MB): 512, 2048 or 4096.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Upper bound on instances; more than the partition count buys nothing for the Event Hub trigger but serves HTTP bursts.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1' // Flex Consumption: per-execution billing, scale to zero, identity-based deployment
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

// Names are fixed: the code reads them (see Settings.java and the %NAME% binding expressions).
// No FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: on Flex Consumption the runtime is
// declared in functionAppConfig.runtime and those settings are deprecated.
// No COSMOS_KEY / ARCHIVE_CONNECTION_STRING: they exist for the local emulators only.
var appSettings = {
  // Functions host storage, by identity (checkpoints, leases, timer schedule monitor).
  AzureWebJobsStorage__blobServiceUri: hostStorage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: hostStorage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: hostStorage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Application Insights with Entra ID ingestion (local auth is disabled on the component).
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Event Hub trigger: connection = "EVENTHUB_CONNECTION", identity-based.
  EVENTHUB_NAME: eventHubName
  EVENTHUB_CONSUMER_GROUP: eventHubConsumerGroup
  EVENTHUB_CONNECTION__fullyQualifiedNamespace: eventHubFullyQualifiedNamespace
  EVENTHUB_CONNECTION__credential: 'managedidentity'
  EVENTHUB_CONNECTION__clientId: identityClientId
  // Stores, reached by identity (DefaultAzureCredential picks the managed identity via AZURE_CLIENT_ID).
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabase
  ARCHIVE_BLOB_ENDPOINT: archiveBlobEndpoint
  AZURE_CLIENT_ID: identityClientId
  // Behaviour.
  CONTENT_MODE: contentMode
  CONTENT_INLINE_MAX_BYTES: string(contentInlineMaxBytes)
  SWEEP_SCHEDULE: sweepSchedule
  SWEEP_GRACE_MINUTES: string(sweepGraceMinutes)
  PRICE_TABLE_PATH: priceTablePath
  LARGE_PROMPT_TOKENS: string(largePromptTokens)
  APIM_LLM_LOG_MAX_BYTES: string(apimLlmLogMaxBytes)
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName // azd deploys the `api` service of azure.yaml here
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity' // the host account has shared keys disabled
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        for setting in items(appSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
