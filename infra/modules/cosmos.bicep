// Cosmos DB for NoSQL: the business data (workflow state lives in the Durable task hub in Storage). Serverless by
// default (pay per request unit, nothing when idle); autoscale (shared database throughput) as a parameter for
// steadier loads.
// Keys are disabled: the app signs in with its managed identity (Cosmos DB Built-in Data Contributor).

@description('Cosmos DB account name (3-44 lower-case letters, digits and hyphens).')
@minLength(3)
@maxLength(44)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Database name (the app setting Cosmos__Database).')
param databaseName string

@description('Serverless: billed per request unit consumed. Autoscale: provisioned throughput shared by the database, scaling between 10% and 100% of autoscaleMaxThroughput.')
@allowed([
  'Serverless'
  'Autoscale'
])
param capacityMode string

@description('Autoscale only: the database\'s maximum RU/s (1000 or more, in steps of 1000).')
@minValue(1000)
param autoscaleMaxThroughput int

@description('Zone redundancy for the account\'s region (not available with serverless in every region).')
param zoneRedundant bool

@description('Containers: name, partition key path, paths left out of the index, and unique key paths.')
param containers {
  name: string
  partitionKeyPath: string
  excludedPaths: string[]
  uniqueKeys: string[][]
}[]

@description('Principal (object) id of the app\'s managed identity, given Cosmos DB Built-in Data Contributor.')
param dataContributorPrincipalId string

@description('Name of that identity; the role assignment name derives from it so it is known before deployment.')
param dataContributorName string

// Cosmos DB Built-in Data Contributor: read and write items, run queries, read the change feed. Data plane only.
var builtInDataContributorId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: zoneRedundant
      }
    ]
    capabilities: capacityMode == 'Serverless'
      ? [
          {
            name: 'EnableServerless'
          }
        ]
      : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'Autoscale'
      ? {
          autoscaleSettings: {
            maxThroughput: autoscaleMaxThroughput
          }
        }
      : {}
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: contains(container.excludedPaths, '/*')
            ? []
            : [
                {
                  path: '/*'
                }
              ]
          excludedPaths: map(container.excludedPaths, path => { path: path })
        }
        uniqueKeyPolicy: {
          uniqueKeys: map(container.uniqueKeys, paths => { paths: paths })
        }
      }
    }
  }
]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, dataContributorName, builtInDataContributorId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${builtInDataContributorId}'
    principalId: dataContributorPrincipalId
    scope: account.id
  }
}

output id string = account.id
output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
