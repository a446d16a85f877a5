using 'main.bicep'

// Development: scale to zero is fine, logs kept the minimum 30 days, Key Vault purgeable so it can be torn down
// and re-created under the same name.
param environmentName = 'dev'
param namePrefix = 'delivery'
param cosmosCapacityMode = 'Serverless'
param storageSku = 'Standard_LRS'
param alwaysReadyFunctions = []
param maximumInstanceCount = 40
param emailFromAddress = 'delivery-dev@example.gov.uk'
param emailFromName = 'Delivery team (dev)'
param authClientId = '00000000-0000-0000-0000-000000000000'
param unauthenticatedClientAction = 'RedirectToLoginPage'
param keyVaultPurgeProtection = false
param logRetentionDays = 30
param logDailyQuotaGb = 1
param tags = {
  environment: 'dev'
}
