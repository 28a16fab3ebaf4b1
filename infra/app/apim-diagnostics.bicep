// Switches an existing API Management service on as a source: a diagnostic setting streaming
// GatewayLlmLogs (prompts, completions, tokens) and GatewayLogs (caller identity) to our hub, and
// the LLM message logging on the Azure Monitor diagnostic, without which GatewayLlmLogs carries
// no messages. Deployed into the APIM service's resource group.

@description('Required. Name of the existing API Management service.')
param apimServiceName string

@description('Optional. API id (name) to switch LLM message logging on for; empty means all APIs (service-level diagnostic).')
param apimApiId string = ''

@description('Required. Resource id of the Send-only authorization rule on the Event Hubs namespace.')
param eventHubAuthorizationRuleId string

@description('Required. Hub the logs go to.')
param eventHubName string

@description('Optional. Bytes of each request and response APIM logs (APIM cap: 2 MB). Keep equal to APIM_LLM_LOG_MAX_BYTES.')
@minValue(1)
@maxValue(2097152)
param maxSizeInBytes int = 262144

@description('Optional. Name of the diagnostic setting on the APIM service.')
param diagnosticSettingName string = 'llm-log-processor'

resource apim 'Microsoft.ApiManagement/service@2024-06-01-preview' existing = {
  name: apimServiceName
}

resource toEventHub 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: diagnosticSettingName
  scope: apim
  properties: {
    // A diagnostic setting can only address an Event Hub through an authorization rule; naming
    // the hub lets the rule be Send-only (without eventHubName Azure Monitor demands Manage).
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    logs: [
      {
        category: 'GatewayLlmLogs'
        enabled: true
      }
      {
        category: 'GatewayLogs' // the LLM records carry no caller identity; these do
        enabled: true
      }
    ]
  }
}

var azureMonitorDiagnostic = {
  // Every APIM service has the built-in `azuremonitor` logger (Azure Monitor resource logs).
  loggerId: '${apim.id}/loggers/azuremonitor'
  logClientIp: true
  verbosity: 'information'
  // 100%: a sampled-out call would be a call the audit record never sees.
  sampling: {
    samplingType: 'fixed'
    percentage: 100
  }
  largeLanguageModel: {
    logs: 'enabled'
    requests: {
      messages: 'all'
      maxSizeInBytes: maxSizeInBytes
    }
    responses: {
      messages: 'all'
      maxSizeInBytes: maxSizeInBytes
    }
  }
}

resource allApisDiagnostic 'Microsoft.ApiManagement/service/diagnostics@2024-06-01-preview' = if (empty(apimApiId)) {
  parent: apim
  name: 'azuremonitor'
  properties: azureMonitorDiagnostic
}

resource api 'Microsoft.ApiManagement/service/apis@2024-06-01-preview' existing = if (!empty(apimApiId)) {
  parent: apim
  name: apimApiId
}

resource oneApiDiagnostic 'Microsoft.ApiManagement/service/apis/diagnostics@2024-06-01-preview' = if (!empty(apimApiId)) {
  parent: api
  name: 'azuremonitor'
  properties: azureMonitorDiagnostic
}

output diagnosticSettingId string = toEventHub.id
