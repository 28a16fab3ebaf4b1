// A StorageV2 account reachable by Microsoft Entra ID only, with private blob containers and an
// optional lifecycle rule. Used twice by main.bicep: once for the Functions host (checkpoints,
// leases, timers, the Flex deployment package) and once for the archives.

@description('Required. Storage account name (3-24 lower-case letters and digits).')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags for the account.')
param tags object = {}

@description('Optional. Replication SKU.')
param skuName string = 'Standard_LRS'

@description('Optional. Blob containers to create (private).')
param containerNames array = []

@description('Optional. Blob name prefixes ("container/") the lifecycle rule applies to; empty means no lifecycle rule.')
param lifecyclePrefixes array = []

@description('Optional. Move blobs to the Cool tier this many days after their last modification.')
@minValue(1)
param coolAfterDays int = 30

@description('Optional. Delete blobs this many days after their last modification; 0 keeps them forever.')
@minValue(0)
param deleteAfterDays int = 365

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false // nothing in these accounts is ever served anonymously
    allowSharedKeyAccess: false // identity only: no account keys, no SAS built from keys
    defaultToOAuthAuthentication: true // the portal uses Entra ID too, so it works without keys
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled' // Flex Consumption without VNet integration reaches it over the public endpoint
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // A week to undo an accidental delete; the raw archive is what makes replay possible.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

var coolAction = {
  tierToCool: {
    daysAfterModificationGreaterThan: coolAfterDays
  }
}
var deleteAction = deleteAfterDays > 0 ? {
  delete: {
    daysAfterModificationGreaterThan: deleteAfterDays
  }
} : {}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = if (!empty(lifecyclePrefixes)) {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'archive-tiering'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: lifecyclePrefixes
            }
            actions: {
              baseBlob: union(coolAction, deleteAction)
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
