// Data-plane roles for the app's managed identity on the Storage account. Microsoft's documented set for the host's
// identity-based storage and Durable Functions on Azure Storage: Storage Blob Data Owner (host locks and keys, the
// task hub's lease and large-message blobs, the deployment package, and the app's attachments and documents;
// Owner includes everything Blob Data Contributor grants), Storage Queue Data Contributor (the task hub's control
// and work-item queues, which the Durable extension creates and reads; the app has no queues of its own) and
// Storage Table Data Contributor (the task hub's History, Instances and Partitions tables).

@description('Name of the existing Storage account.')
param storageAccountName string

@description('Principal (object) id of the app\'s managed identity.')
param principalId string

@description('Name of that identity; role assignment names derive from it so they are known before deployment.')
param principalName string

var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
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
