// Cosmos DB for NoSQL: the conversation documents, the staging area for calls whose chunks are
// spread over batches, and the usage rollups.

@description('Required. Account name (3-44 lower-case letters, digits, hyphens).')
param name string

@description('Required. Azure region.')
param location string

@description('Optional. Tags.')
param tags object = {}

@description('Optional. Database name (COSMOS_DATABASE).')
param databaseName string = 'llmlogs'

@description('Optional. serverless: pay per request unit, no minimum (fits bursty log traffic and small teams). autoscale: provisioned throughput shared by the database, scaling between 10% and 100% of cosmosAutoscaleMaxThroughput.')
@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string = 'serverless'

@description('Optional. Autoscale maximum RU/s for the database (used when throughputMode is autoscale).')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

var serverless = throughputMode == 'serverless'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Serverless is an account capability fixed at creation; switching modes means a new account.
    capabilities: serverless ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    disableLocalAuth: true // identity only: Cosmos DB Built-in Data Contributor, no account keys
    disableKeyBasedMetadataWriteAccess: true // containers and indexes change through Bicep, not from the app
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Autoscale throughput is shared by the database (one bill for all containers);
    // serverless accounts must not set any throughput.
    options: serverless ? {} : {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

// One document per LLM call, id = correlation id. Partitioning on /id makes the lookup by
// correlation id a point read (1 RU) and spreads writes evenly.
resource conversations 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'conversations'
  properties: {
    resource: {
      id: 'conversations'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          {
            path: '/*'
          }
        ]
        // Prompt and response texts are large and never filtered on: indexing them would
        // multiply the write cost of every document for nothing.
        excludedPaths: [
          {
            path: '/request/*'
          }
          {
            path: '/response/*'
          }
          {
            path: '/"_etag"/?'
          }
        ]
        // The lookup API orders newest first by (timestamp, id): id breaks ties so its keyset
        // continuation tokens page without gaps or duplicates. A two-property ORDER BY needs the
        // composite index (/timestamp DESC, /id DESC); each equality filter + that ORDER BY is
        // served best by its own composite index below.
        compositeIndexes: [
          [
            {
              path: '/timestamp'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
          [
            {
              path: '/caller/subscriptionId'
              order: 'ascending'
            }
            {
              path: '/timestamp'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
          [
            {
              path: '/model'
              order: 'ascending'
            }
            {
              path: '/timestamp'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
          [
            {
              path: '/deployment'
              order: 'ascending'
            }
            {
              path: '/timestamp'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
          [
            {
              path: '/status'
              order: 'ascending'
            }
            {
              path: '/timestamp'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
          [
            {
              path: '/question/fingerprint'
              order: 'ascending'
            }
            {
              path: '/timestamp'
              order: 'descending'
            }
          ]
        ]
      }
    }
  }
}

// Pieces of calls not yet complete, keyed by correlation id. TTL is on (-1 = no default expiry)
// so the code can give each staged item its own ttl; the sweeper finalises what stays incomplete.
resource staging 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'staging'
  properties: {
    resource: {
      id: 'staging'
      partitionKey: {
        paths: [
          '/correlationId'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
    }
  }
}

// Usage aggregates (per day / subscription / model ...); /pk is the code's grouping key.
resource rollups 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'rollups'
  properties: {
    resource: {
      id: 'rollups'
      partitionKey: {
        paths: [
          '/pk'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
output containerNames array = [
  conversations.name
  staging.name
  rollups.name
]
