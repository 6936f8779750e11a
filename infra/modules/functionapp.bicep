// Elastic Premium plan (Linux) + the Function App running AccountAccess as a custom handler.
//
// Order matters for the Key Vault references: the site is created with its system-assigned identity and the
// settings that need no secret, then the identity gets "Key Vault Secrets User" on the vault, and only then is
// the full app-settings set (with the @Microsoft.KeyVault(...) references) applied. Otherwise the first start
// could resolve the references before the role exists and run with the literal reference text.

@description('Azure region.')
param location string

@description('Function App name (globally unique: <name>.azurewebsites.net).')
param functionAppName string

@description('App Service plan name.')
param planName string

@description('Elastic Premium SKU.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string

@description('Upper bound of instances the plan may scale out to.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int

@description('Always-ready (warm) instances: sign-in never waits for a cold start.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int

@description('Existing storage account in this resource group.')
param storageAccountName string

@description('Which storage account key the connection strings use (0 = key1, 1 = key2); switch to rotate keys.')
@allowed([
  0
  1
])
param storageKeyIndex int

@description('Azure Files share for the app content (WEBSITE_CONTENTSHARE).')
param contentShareName string

param appInsightsConnectionString string

@description('Existing Key Vault in this resource group.')
param keyVaultName string

@description('Secret names in the vault (keyvault.bicep output).')
param secretNames object

param publicBaseUrl string
param smtpHost string
param smtpPort int
param smtpUsername string
param smtpFrom string
param billingReactivationDelay string

@description('Changes on every deployment so that App Service re-reads the Key Vault references immediately.')
param deployedAt string

param tags object

// Built-in role "Key Vault Secrets User": read secret contents.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[storageKeyIndex].value};EndpointSuffix=${environment().suffixes.storage}'

// What the Functions host itself needs. Applied at creation, and again (merged) in the final settings.
var hostSettings = {
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  FUNCTIONS_EXTENSION_VERSION: '~4'
  AzureWebJobsStorage: storageConnectionString
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: storageConnectionString
  WEBSITE_CONTENTSHARE: contentShareName
  // Zip deploys are kept as a package and mounted read-only: a deployment swaps the whole app at once.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  // The package is already a self-contained linux-x64 build: no Oryx/remote build.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  ENABLE_ORYX_BUILD: 'false'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
}

// Key Vault references without a version: the app follows the latest version of each secret. App Service
// caches resolved values and re-reads them on any settings change (every deployment changes INFRA_DEPLOYED_AT)
// or at its periodic refresh (up to 24 h).
var appSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  INFRA_DEPLOYED_AT: deployedAt
  Storage__ConnectionString: storageConnectionString
  Links__PublicBaseUrl: publicBaseUrl
  Email__Smtp__Host: smtpHost
  Email__Smtp__Port: string(smtpPort)
  Email__Smtp__Username: smtpUsername
  Email__Smtp__From: smtpFrom
  Billing__ReactivationDelay: billingReactivationDelay
  Operator__ApiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.operatorApiKey})'
  Auth__SigningKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.authSigningKey})'
  TwoFactor__EncryptionKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.twoFactorEncryptionKey})'
  Billing__WebhookSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.billingWebhookSecret})'
  Email__Smtp__Password: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.smtpPassword})'
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: planSku
    tier: 'ElasticPremium'
    family: 'EP'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      // A custom handler has no language stack: the Functions runtime image starts the executable named by
      // host.json (customHandler.description.defaultExecutablePath). This is what the Functions stacks API
      // prescribes for the "custom" runtime on Linux.
      linuxFxVersion: ''
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      functionAppScaleLimit: maximumElasticWorkerCount
      minimumElasticInstanceCount: alwaysReadyInstances
      // Instances whose /api/health fails (storage unreachable) are taken out of the load balancer.
      healthCheckPath: '/api/health'
      // Written out rather than looped over hostSettings: a for-expression must be computable at the start of
      // the deployment, and these values hold listKeys().
      appSettings: [
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: hostSettings.FUNCTIONS_WORKER_RUNTIME
        }
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: hostSettings.FUNCTIONS_EXTENSION_VERSION
        }
        {
          name: 'AzureWebJobsStorage'
          value: hostSettings.AzureWebJobsStorage
        }
        {
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: hostSettings.WEBSITE_CONTENTAZUREFILECONNECTIONSTRING
        }
        {
          name: 'WEBSITE_CONTENTSHARE'
          value: hostSettings.WEBSITE_CONTENTSHARE
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: hostSettings.WEBSITE_RUN_FROM_PACKAGE
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: hostSettings.SCM_DO_BUILD_DURING_DEPLOYMENT
        }
        {
          name: 'ENABLE_ORYX_BUILD'
          value: hostSettings.ENABLE_ORYX_BUILD
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: hostSettings.APPLICATIONINSIGHTS_CONNECTION_STRING
        }
      ]
    }
  }
}

// No FTP: deployments go through the SCM (Kudu) zip deploy endpoint only.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The complete settings set. This replaces whatever is on the site: the template is the source of truth,
// so a setting added by hand in the portal disappears at the next deployment.
resource siteSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(hostSettings, appSettings)
  dependsOn: [
    secretsUser
  ]
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
