// Event Hubs namespace and the hub APIM's diagnostic setting streams GatewayLlmLogs and
// GatewayLogs into; a consumer group of our own so other readers (SIEM, Stream Analytics, ...)
// keep independent positions on the same hub.

@description('Required. Namespace name (6-50 characters).')
param name string

@description('Required. Azure region. Must be the APIM service\'s region: diagnostic settings only stream to a namespace in the same region as the monitored resource.')
param location string

@description('Optional. Tags.')
param tags object = {}

@description('Optional. Hub name.')
param eventHubName string = 'apim-llm-logs'

@description('Optional. Partition count, fixed at creation on Standard. Bounds parallelism: one function instance per partition at most.')
@minValue(1)
@maxValue(32)
param partitionCount int = 4

@description('Optional. Days events stay on the hub (Standard: 1-7). Longer gives more room to recover from an outage without losing data.')
@minValue(1)
@maxValue(7)
param messageRetentionInDays int = 7

@description('Optional. Throughput units (1 TU = 1 MB/s or 1000 events/s in, 2 MB/s out).')
@minValue(1)
@maxValue(40)
param throughputUnits int = 1

@description('Optional. Upper bound for auto-inflate; 0 turns auto-inflate off.')
@minValue(0)
@maxValue(40)
param autoInflateMaximumThroughputUnits int = 0

@description('Optional. Consumer group of the function app.')
param consumerGroupName string = 'llm-log-processor'

@description('Optional. Extra consumer group for a developer\'s local host, so a local run never competes with the deployed app for partitions.')
param localConsumerGroupName string = 'llm-log-processor-local'

@description('Optional. Disable SAS (shared access key) authentication on the namespace. See the README, "Deploy to Azure": Azure Monitor streams with the Send rule\'s key.')
param disableLocalAuth bool = true

@description('Optional. Name of the Send-only rule the APIM diagnostic setting uses.')
param diagnosticsSendRuleName string = 'apim-diagnostics-send'

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard' // Basic allows only the $Default consumer group; we need our own
    tier: 'Standard'
    capacity: throughputUnits
  }
  properties: {
    // Identity only for every client we own: the function app and developers use Entra ID
    // (Azure Event Hubs Data Receiver). The namespace-level Send rule below still has to exist,
    // because a diagnostic setting can only name its destination by an authorization rule id
    // (eventHubAuthorizationRuleId); it has no identity-based option.
    disableLocalAuth: disableLocalAuth
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled' // Azure Monitor and Flex Consumption (no VNet) reach it publicly
    isAutoInflateEnabled: autoInflateMaximumThroughputUnits > 0
    maximumThroughputUnits: autoInflateMaximumThroughputUnits > 0 ? autoInflateMaximumThroughputUnits : null
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: eventHubName
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: consumerGroupName
  properties: {
    userMetadata: 'llm-log-processor function app'
  }
}

resource localConsumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: localConsumerGroupName
  properties: {
    userMetadata: 'llm-log-processor local development host'
  }
}

// Send only: the diagnostic setting names the hub explicitly (eventHubName), and then Azure
// Monitor accepts a rule without Manage/Listen. Nothing that holds this rule can read the logs.
resource diagnosticsSendRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: namespace
  name: diagnosticsSendRuleName
  properties: {
    rights: [
      'Send'
    ]
  }
}

output namespaceName string = namespace.name
output namespaceId string = namespace.id
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output eventHubName string = hub.name
output consumerGroupName string = consumerGroup.name
output localConsumerGroupName string = localConsumerGroup.name
output diagnosticsSendRuleId string = diagnosticsSendRule.id
