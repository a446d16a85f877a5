// Delivery on Azure: one resource group holding the Function App (Flex Consumption, .NET isolated worker with
// Durable Functions on the Azure Storage backend), its Storage account (host storage, the Durable task hub and the
// app's blob containers), Cosmos DB (business data and the email outbox), Key Vault, Application Insights with Log
// Analytics and the managed identity that ties them together. Deploy with: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.<env>.bicepparam
// (step by step in infra/README.md).
targetScope = 'resourceGroup'

@description('The scheme of delegation and workflow settings (Approvals__Bands__*, Approvals__People__*, Lifecycle__*, and Durable__HistoryRetention to change its 90-day default): the app refuses to start without bands and approvers. Names as in local.settings.sample.json.')
param workflowSettings object

@description('Environment name, used in resource names.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Azure region for every resource (UK South for a UK council).')
param location string = resourceGroup().location

@description('Short lower-case prefix for resource names (letters and digits).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'delivery'

@description('Tags for every resource (e.g. cost centre, owner team).')
param tags object = {}

@description('Cosmos DB capacity: Serverless (per request, default) or Autoscale (shared database throughput).')
@allowed([
  'Serverless'
  'Autoscale'
])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale only: the database\'s maximum RU/s.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Cosmos DB zone redundancy in the region.')
param cosmosZoneRedundant bool = false

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most Function App instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances on Flex Consumption, each billed for every second it exists: a scale group (\'durable\' for the orchestrator, activity and entity triggers; \'http\'; \'blob\') or \'function:<FunctionName>\' for one other function. Empty scales everything to zero and accepts a cold start when work arrives. Microsoft advises \'durable\' at 1 for Durable Functions on Flex Consumption.')
param alwaysReady {
  @description('Scale group (durable, http, blob) or function:<FunctionName>.')
  name: string
  @description('Instances kept running for it.')
  @minValue(1)
  instanceCount: int
}[] = []

@description('Sender address for email; verify it in SendGrid first.')
param emailFromAddress string

@description('Sender display name for email.')
param emailFromName string = 'Delivery team'

@description('Client (application) id of the Entra ID app registration for sign-in and the API (infra/README.md, step 2).')
param authClientId string

@description('Entra ID tenant id; defaults to the deploying subscription\'s tenant.')
param authTenantId string = tenant().tenantId

@description('Audience of the API\'s bearer tokens (Auth__Audience); empty for the client id, with which the app accepts both the client id (v2 tokens) and api://<client id> (v1 tokens).')
param authAudience string = ''

@description('What App Service Authentication does with an unauthenticated request: RedirectToLoginPage suits the browser pages, Return401 an API-only deployment.')
@allowed([
  'RedirectToLoginPage'
  'Return401'
])
param unauthenticatedClientAction string = 'RedirectToLoginPage'

@description('Public base URL for links in emails (e.g. a custom domain); empty for the app\'s default host name.')
param publicBaseUrl string = ''

@description('SendGrid API key to store in Key Vault; leave empty and set the secret with az keyvault secret set instead (keeps it out of deployment history).')
@secure()
param sendGridApiKey string = ''

@description('Key Vault purge protection (cannot be turned off once on).')
param keyVaultPurgeProtection bool = false

@description('Days to keep logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily log ingestion cap in GB (-1 for none).')
param logDailyQuotaGb int = 1

// The names the code uses. tests/Delivery.Infra.Tests compares them with the code's own constants.
var cosmosDatabaseName = 'delivery'
// Business data only (the email outbox's sent-once records sit in each project's partition of 'projects'):
// workflow state lives in the Durable task hub in Storage, which the Durable extension creates and names itself
// (<hub>-control-NN, <hub>-workitems, <hub>History, <hub>Instances, <hub>-leases and so on).
var cosmosContainers = [
  {
    name: 'projects'
    partitionKeyPath: '/projectId'
    excludedPaths: []
    uniqueKeys: []
  }
  {
    name: 'views'
    partitionKeyPath: '/viewId'
    excludedPaths: []
    uniqueKeys: []
  }
]
var blobContainerNames = [
  'attachments'
  'documents'
]
// Kept files the app removes itself once used; the lifecycle rule removes the ones never used (ImportUploads.Prefix).
var temporaryBlobPrefixes = [
  'documents/backlog-import/'
]
// No storage queues: the app has no queue-triggered functions, and the Durable task hub's queues are the
// extension's own (see above).
var deploymentContainerName = 'app-package'
var sendGridSecretName = 'SendGridApiKey'

var suffix = take(uniqueString(subscription().id, resourceGroup().id, environmentName), 5)
var names = {
  identity: 'id-${namePrefix}-${environmentName}'
  workspace: 'log-${namePrefix}-${environmentName}'
  appInsights: 'appi-${namePrefix}-${environmentName}'
  storage: toLower('st${namePrefix}${environmentName}${suffix}')
  cosmos: toLower('cosmos-${namePrefix}-${environmentName}-${suffix}')
  keyVault: 'kv-${namePrefix}-${environmentName}-${suffix}'
  plan: 'plan-${namePrefix}-${environmentName}'
  functionApp: 'func-${namePrefix}-${environmentName}-${suffix}'
}
var allTags = union(tags, {
  application: 'delivery'
  environment: environmentName
})

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: allTags
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
    blobContainerNames: blobContainerNames
    temporaryBlobPrefixes: temporaryBlobPrefixes
  }
}

module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  params: {
    storageAccountName: names.storage
    principalId: identity.outputs.principalId
    principalName: names.identity
  }
  dependsOn: [
    storage
  ]
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: names.cosmos
    location: location
    tags: allTags
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    zoneRedundant: cosmosZoneRedundant
    containers: cosmosContainers
    dataContributorPrincipalId: identity.outputs.principalId
    dataContributorName: names.identity
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    sendGridSecretName: sendGridSecretName
    sendGridApiKey: sendGridApiKey
    enablePurgeProtection: keyVaultPurgeProtection
    readerPrincipalId: identity.outputs.principalId
    readerName: names.identity
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: alwaysReady
    storageAccountName: storage.outputs.name
    blobServiceUri: storage.outputs.blobEndpoint
    queueServiceUri: storage.outputs.queueEndpoint
    identityClientId: identity.outputs.clientId
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    sendGridSecretUri: keyVault.outputs.sendGridSecretUri
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    appInsightsConnectionString: monitoring.outputs.connectionString
    authTenantId: authTenantId
    authClientId: authClientId
    authAudience: empty(authAudience) ? authClientId : authAudience
    workflowSettings: workflowSettings
    authAllowedAudiences: union([authClientId, 'api://${authClientId}'], empty(authAudience) ? [] : [authAudience])
    unauthenticatedClientAction: unauthenticatedClientAction
    anonymousPaths: [
      '/api/health'
    ]
    publicBaseUrl: publicBaseUrl
  }
  // The host and the Durable task hub start with identity-based storage as soon as the app exists: the identity's
  // roles must be in place first.
  dependsOn: [
    storageRoles
  ]
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output storageAccountName string = storage.outputs.name
output deploymentContainerUrl string = storage.outputs.deploymentContainerUrl
output cosmosAccountName string = cosmos.outputs.name
output cosmosEndpoint string = cosmos.outputs.endpoint
output keyVaultName string = keyVault.outputs.name
output sendGridSecretName string = sendGridSecretName
output identityClientId string = identity.outputs.clientId
output appInsightsName string = monitoring.outputs.appInsightsName
