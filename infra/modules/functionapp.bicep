// The Function App on the Flex Consumption plan (Linux), a .NET isolated worker app with Durable Functions on the
// Azure Storage backend. Flex Consumption takes the worker runtime from functionAppConfig.runtime and does not
// accept the FUNCTIONS_WORKER_RUNTIME app setting, so the runtime is declared there only.
// It runs as the user-assigned identity: deployment package, host storage and the Durable task hub
// (AzureWebJobsStorage__*), Key Vault references and the app's own Azure.Identity credential (AZURE_CLIENT_ID) all
// use it. App Service Authentication (Entra ID) sits in front.

@description('The council\'s scheme of delegation and workflow settings (Approvals__*, Lifecycle__*), as app settings.')
param workflowSettings object

@description('Function App name (also the default host name).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('URL of the blob container the package is deployed to.')
param deploymentContainerUrl string

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances: name is "function:<FunctionName>" or a group ("http", "blob", "durable"); each is billed while idle.')
param alwaysReady {
  name: string
  instanceCount: int
}[]

@description('Storage account used for host storage, the Durable task hub, and the app\'s blob containers.')
param storageAccountName string

@description('Blob service endpoint (https://<account>.blob.core.windows.net/).')
param blobServiceUri string

@description('Queue service endpoint (https://<account>.queue.core.windows.net/); the app\'s storage settings require it alongside the blob endpoint, though the app declares no queues of its own.')
param queueServiceUri string

@description('Client id of the user-assigned identity (for the host and for the app\'s Azure.Identity credential).')
param identityClientId string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Versionless Key Vault secret URI of the SendGrid API key.')
param sendGridSecretUri string

@description('Sender address for email (verified in SendGrid).')
param emailFromAddress string

@description('Sender display name for email.')
param emailFromName string

@description('Application Insights connection string (an ingestion address and key id, not a credential).')
param appInsightsConnectionString string

@description('Audience the app expects in Entra ID bearer tokens.')
param authAudience string

@description('Public base URL used in links sent by email; empty for https://<default host name>.')
param publicBaseUrl string

@description('Entra ID tenant of the app registration.')
param authTenantId string

@description('Client (application) id of the Entra ID app registration that App Service Authentication signs in with.')
param authClientId string

@description('Token audiences App Service Authentication accepts (the API\'s application id URI and client id).')
param authAllowedAudiences string[]

@description('What App Service Authentication does with a request that has no valid token or session. The app checks again either way.')
@allowed([
  'RedirectToLoginPage'
  'Return401'
])
param unauthenticatedClientAction string

@description('Paths served without a signed-in user (the health probe).')
param anonymousPaths string[]

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    // Key Vault references resolve with this identity; the default would be a system-assigned one we do not have.
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
      }
      // Not a parameter: the version is the .NET the functions project builds (net10.0), so it changes with the code.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
    }
  }
}

// The whole set of app settings (a deploy removes any setting not listed). Names are the app's configuration keys
// in the Functions shape ('__' nests); local.settings.sample.json documents each one and tests/Delivery.Infra.Tests
// checks the two agree. AzureWebJobsStorage__accountName/credential/clientId is the identity-based host storage
// connection, which the Durable extension's Azure Storage provider also uses (its default connection name); with an
// account name the host derives the blob, queue and table endpoints of public Azure, so no __*ServiceUri is set. Local-only settings (Cosmos__Key, Storage__ConnectionString, Email__Smtp*, Auth__DevSignIn)
// are deliberately absent: in Azure every connection signs in with the managed identity.
resource settings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: union(workflowSettings, {
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    ASPNETCORE_ENVIRONMENT: 'Production'
    Cosmos__Endpoint: cosmosEndpoint
    Cosmos__Database: cosmosDatabaseName
    Storage__BlobServiceUri: blobServiceUri
    Storage__QueueServiceUri: queueServiceUri
    Email__SendGridApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridSecretUri})'
    Email__FromAddress: emailFromAddress
    Email__FromName: emailFromName
    Auth__TenantId: authTenantId
    Auth__Audience: authAudience
    Auth__TrustAppServiceAuthentication: 'true'
    App__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl
  })
}

resource auth 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: unauthenticatedClientAction
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: anonymousPaths
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: authAllowedAudiences
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// No FTP or basic-auth deployment: packages go up with az CLI / one-deploy, signed in with Entra ID.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
