// The one user-assigned identity the function app uses for everything: host storage, the
// deployment package, Event Hubs, Cosmos DB, the archive and Application Insights ingestion.
// User-assigned (not system-assigned) so the role assignments exist before the app starts.

@description('Required. Identity name.')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
