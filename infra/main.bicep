// llm-log-processor: everything `azd up` deploys. Subscription scope so the template creates its
// own resource group; names come from abbreviations.json plus a token unique per
// subscription/environment/region. Outputs are named exactly like the app settings so the
// postprovision hook (infra/hooks) can write local.settings.json from `azd env get-values`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Required. azd environment name; part of every resource name and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Required. Region for all resources. Use the APIM service\'s region: diagnostic settings only stream to an Event Hubs namespace in the monitored resource\'s region.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional. Object id of the deploying user; when set, the user gets the same data roles as the app so a local host under `az login` works against Azure.')
param principalId string = ''

@description('Optional. Type of principalId: User for a person (azd up), ServicePrincipal when a pipeline deploys.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Optional. Resource group name; default rg-<environmentName>.')
param resourceGroupName string = ''

// ---- Event Hubs ----
@description('Optional. Partitions of the hub (fixed after creation); bounds how many instances process in parallel.')
@minValue(1)
@maxValue(32)
param eventHubPartitionCount int = 4

@description('Optional. Days events are kept on the hub (Standard: 1-7).')
@minValue(1)
@maxValue(7)
param eventHubMessageRetentionInDays int = 7

@description('Optional. Event Hubs throughput units (the main fixed cost of Event Hubs Standard).')
@minValue(1)
@maxValue(40)
param eventHubThroughputUnits int = 1

@description('Optional. Disable SAS authentication on the Event Hubs namespace. The app never uses SAS; Azure Monitor streams with the Send rule (see the README, "Deploy to Azure", if no logs arrive).')
param eventHubDisableLocalAuth bool = true

// ---- Cosmos DB ----
@description('Optional. serverless (pay per request) or autoscale (provisioned, shared by the database).')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@description('Optional. Autoscale maximum RU/s when cosmosThroughputMode is autoscale.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

// ---- Archive storage ----
@description('Optional. Days after which archived blobs move to the Cool tier.')
@minValue(1)
param archiveCoolAfterDays int = 30

@description('Optional. Days after which archived blobs are deleted; 0 keeps them forever.')
@minValue(0)
param archiveDeleteAfterDays int = 365

// ---- Function app ----
@description('Optional. CONTENT_MODE: full | redacted | metadata.')
@allowed([
  'full'
  'redacted'
  'metadata'
])
param contentMode string = 'full'

@description('Optional. CONTENT_INLINE_MAX_BYTES: larger contents go to Blob.')
@minValue(1024)
@maxValue(1500000)
param contentInlineMaxBytes int = 262144

@description('Optional. SWEEP_SCHEDULE: NCRONTAB schedule of the sweeper.')
param sweepSchedule string = '0 */2 * * * *'

@description('Optional. SWEEP_GRACE_MINUTES: minutes before an incomplete call is finalised.')
@minValue(0)
param sweepGraceMinutes int = 10

@description('Optional. PRICE_TABLE_PATH: price table file overriding the bundled one.')
param priceTablePath string = ''

@description('Optional. LARGE_PROMPT_TOKENS: threshold of the large_prompt flag.')
@minValue(1)
param largePromptTokens int = 32000

@description('Optional. Memory per Flex Consumption instance (MB).')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Optional. Maximum Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

// ---- Existing API Management (optional) ----
@description('Optional. Name of an existing APIM service to switch on as the log source; empty skips the APIM wiring.')
param apimServiceName string = ''

@description('Optional. Resource group of that APIM service (required with apimServiceName).')
param apimResourceGroupName string = ''

@description('Optional. Subscription of that APIM service; empty means the deployment subscription.')
param apimSubscriptionId string = ''

@description('Optional. API id to enable LLM message logging for; empty means all APIs.')
param apimApiId string = ''

@description('Optional. Bytes of each request/response APIM logs (maxSizeInBytes, max 2 MB); also APIM_LLM_LOG_MAX_BYTES.')
@minValue(1)
@maxValue(2097152)
param apimLlmLogMaxBytes int = 262144

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
// Flex Consumption reads its package from this container of the host storage account.
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var cosmosDatabaseName = 'llmlogs'
var apimScopeSubscriptionId = !empty(apimSubscriptionId) ? apimSubscriptionId : subscription().subscriptionId
// The fallback only keeps the module scope valid while the APIM wiring is switched off.
var apimScopeResourceGroupName = !empty(apimResourceGroupName) ? apimResourceGroupName : rg.name
var eventHubName = 'apim-llm-logs'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

// Two storage accounts on purpose: the archive carries a lifecycle policy (tier to Cool, then
// delete) that must never touch the host's checkpoints, leases or the deployment package, the
// app needs Blob Data Owner on the host account but only Contributor on the archive, and the
// archive's cost (it grows with every log) shows on its own line of the bill.
module hostStorage 'core/storage-account.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
    ]
  }
}

module archiveStorage 'core/storage-account.bicep' = {
  name: 'archive-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}arc${resourceToken}'
    location: location
    tags: tags
    // raw: every received event body (replay/backfill source); content: message texts too
    // large to inline in Cosmos; deadletter: undecodable bodies with the reason.
    containerNames: [
      'raw'
      'content'
      'deadletter'
    ]
    lifecyclePrefixes: [
      'raw/'
      'content/'
      'deadletter/'
    ]
    coolAfterDays: archiveCoolAfterDays
    deleteAfterDays: archiveDeleteAfterDays
  }
}

module eventHubs 'app/eventhubs.bicep' = {
  name: 'eventhubs'
  scope: rg
  params: {
    name: '${abbrs.eventHubNamespaces}${resourceToken}'
    location: location
    tags: tags
    eventHubName: eventHubName
    partitionCount: eventHubPartitionCount
    messageRetentionInDays: eventHubMessageRetentionInDays
    throughputUnits: eventHubThroughputUnits
    disableLocalAuth: eventHubDisableLocalAuth
  }
}

module cosmos 'app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

// Roles before the app: the host starts reading the hub and writing checkpoints right away.
module appRoles 'app/rbac.bicep' = {
  name: 'rbac-app'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    hostStorageAccountName: hostStorage.outputs.name
    archiveStorageAccountName: archiveStorage.outputs.name
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    eventHubName: eventHubs.outputs.eventHubName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.accountName
  }
}

module userRoles 'app/rbac.bicep' = if (!empty(principalId)) {
  name: 'rbac-user'
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    hostStorageAccountName: hostStorage.outputs.name
    archiveStorageAccountName: archiveStorage.outputs.name
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    eventHubName: eventHubs.outputs.eventHubName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.accountName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostStorageAccountName: hostStorage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    eventHubFullyQualifiedNamespace: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.eventHubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroupName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmos.outputs.databaseName
    archiveBlobEndpoint: archiveStorage.outputs.blobEndpoint
    contentMode: contentMode
    contentInlineMaxBytes: contentInlineMaxBytes
    sweepSchedule: sweepSchedule
    sweepGraceMinutes: sweepGraceMinutes
    priceTablePath: priceTablePath
    largePromptTokens: largePromptTokens
    apimLlmLogMaxBytes: apimLlmLogMaxBytes
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
  }
  dependsOn: [
    appRoles
  ]
}

// Only when an APIM service is named; it lives in its own resource group (and maybe subscription).
module apimDiagnostics 'app/apim-diagnostics.bicep' = if (!empty(apimServiceName)) {
  name: 'apim-diagnostics-${resourceToken}'
  scope: resourceGroup(apimScopeSubscriptionId, apimScopeResourceGroupName)
  params: {
    apimServiceName: apimServiceName
    apimApiId: apimApiId
    eventHubAuthorizationRuleId: eventHubs.outputs.diagnosticsSendRuleId
    eventHubName: eventHubs.outputs.eventHubName
    maxSizeInBytes: apimLlmLogMaxBytes
  }
}

// ---- azd ----
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${api.outputs.defaultHostName}/api'

// ---- named exactly like the app settings (the postprovision hook writes them locally) ----
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output EVENTHUB_NAME string = eventHubs.outputs.eventHubName
output EVENTHUB_CONSUMER_GROUP string = eventHubs.outputs.consumerGroupName
output EVENTHUB_CONNECTION__fullyQualifiedNamespace string = eventHubs.outputs.fullyQualifiedNamespace
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output ARCHIVE_BLOB_ENDPOINT string = archiveStorage.outputs.blobEndpoint
output AZURE_CLIENT_ID string = identity.outputs.clientId
output CONTENT_MODE string = contentMode
output CONTENT_INLINE_MAX_BYTES string = string(contentInlineMaxBytes)
output SWEEP_SCHEDULE string = sweepSchedule
output SWEEP_GRACE_MINUTES string = string(sweepGraceMinutes)
output PRICE_TABLE_PATH string = priceTablePath
output LARGE_PROMPT_TOKENS string = string(largePromptTokens)
output APIM_LLM_LOG_MAX_BYTES string = string(apimLlmLogMaxBytes)

// ---- for the local host and the manual APIM steps ----
// A local host reads its own consumer group, so it never takes partitions from the deployed app.
output EVENTHUB_LOCAL_CONSUMER_GROUP string = eventHubs.outputs.localConsumerGroupName
output EVENTHUB_DIAGNOSTICS_RULE_ID string = eventHubs.outputs.diagnosticsSendRuleId
