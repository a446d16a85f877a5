using 'main.bicep'

// Production: an always-ready instance keeps queue work (emails now; the durable worker when its function lands:
// add its folder name here) moving without cold starts; zone-redundant storage, purge-protected Key Vault, 90 days
// of logs.
param environmentName = 'prod'
param namePrefix = 'delivery'
param cosmosCapacityMode = 'Serverless'
param storageSku = 'Standard_ZRS'
param alwaysReadyFunctions = [
  'SendEmail'
]
param alwaysReadyInstances = 1
param maximumInstanceCount = 40
param emailFromAddress = 'delivery@example.gov.uk'
param emailFromName = 'Delivery team'
param authClientId = '00000000-0000-0000-0000-000000000000'
param unauthenticatedClientAction = 'RedirectToLoginPage'
param keyVaultPurgeProtection = true
param logRetentionDays = 90
param logDailyQuotaGb = 5
param tags = {
  environment: 'prod'
}
