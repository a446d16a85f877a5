// Data-plane roles for the app's managed identity on the Storage account: blobs (payloads, attachments,
// documents, the deployment package, the host's locks), queues (the durable work queue and the host's queue
// trigger) and tables (the Functions host's own bookkeeping).

@description('Name of the existing Storage account.')
param storageAccountName string

@description('Principal (object) id of the app\'s managed identity.')
param principalId string

@description('Name of that identity; role assignment names derive from it so they are known before deployment.')
param principalName string

var roleIds = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roleIds): {
    name: guid(account.id, principalName, role.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output roleDefinitionIds string[] = [for role in items(roleIds): role.value]
