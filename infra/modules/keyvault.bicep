// Key Vault in RBAC mode for the app's secrets (the SendGrid API key). The app never reads the vault itself: App
// Service resolves the app setting's @Microsoft.KeyVault(SecretUri=...) reference with the managed identity
// (keyVaultReferenceIdentity on the site), which holds Key Vault Secrets User on this vault only.

@description('Key Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the secret holding the SendGrid API key.')
param sendGridSecretName string

@description('The SendGrid API key. Leave empty to set it later with az keyvault secret set (see infra/README.md).')
@secure()
param sendGridApiKey string

@description('Purge protection: a deleted vault and its secrets can be recovered for 90 days and cannot be purged early. Turn on for production; it cannot be turned off again.')
param enablePurgeProtection bool

@description('Principal (object) id of the app\'s managed identity, given Key Vault Secrets User.')
param readerPrincipalId string

@description('Name of that identity; role assignment names derive from it so they are known before deployment.')
param readerName string

// Key Vault Secrets User: read secret contents. Nothing else.
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerName, secretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
// Versionless: App Service picks up a rotated secret within a day (or at once on restart).
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/${sendGridSecretName}'
