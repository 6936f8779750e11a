// Elastic Premium plan (Linux) + the Function App running AccountAccess on the .NET isolated worker
// (FUNCTIONS_WORKER_RUNTIME=dotnet-isolated, linuxFxVersion DOTNET-ISOLATED|10.0, Functions host ~4).
//
// Order matters for the Key Vault references: the site is created with its system-assigned identity and every
// setting that needs no secret (so the host can index the timer functions and find the task hub at once), then the identity gets "Key Vault Secrets User" on the vault, and only then is
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

@description('Passkeys:RelyingPartyId: the host (or a registrable domain above it) every passkey is bound to.')
param passkeyRelyingPartyId string

@description('Passkeys:Origins: the origins allowed to run the passkey ceremonies, comma-separated.')
param passkeyOrigins string

param smtpHost string
param smtpPort int

@description('Email:Smtp:Security. TLS only: None (no TLS) is for a loopback development inbox, and the app refuses it for any other host.')
@allowed([
  'StartTls'
  'SslOnConnect'
])
param smtpSecurity string
param smtpUsername string
param smtpFrom string
param billingReactivationDelay string

@description('NCRONTAB (six fields) of the batch welcome-kit timer (WelcomeKits:Schedule).')
param welcomeKitsSchedule string

@description('NCRONTAB of the sweep that ends lockouts whose time is up (Lockouts:SweepSchedule).')
param lockoutsSweepSchedule string

@description('NCRONTAB of the sweep that removes expired two-factor challenges (TwoFactor:ChallengeSweepSchedule).')
param twoFactorChallengeSweepSchedule string

@description('Durable Functions task hub name (DurableTask:HubName): a letter, then letters and digits, 3-45 characters.')
@minLength(3)
@maxLength(45)
param durableTaskHubName string

@description('Operator:OrganizationId: the support team\'s organization. Empty = no support accounts, only the operator key.')
param operatorOrganizationId string

@description('Browser origins allowed to call the API, answered by the platform (siteConfig.cors), e.g. https://app.example.com; main.bicep checks the operator\'s and adds the account pages\' site. Empty = no cross-origin access.')
param corsAllowedOrigins array

@description('Changes on every deployment so that App Service re-reads the Key Vault references immediately.')
param deployedAt string

param tags object

// Built-in role "Key Vault Secrets User": read secret contents.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// The .NET isolated worker on .NET 10: FUNCTIONS_WORKER_RUNTIME names the worker, linuxFxVersion the Linux image
// (language|version, as the Functions stacks API lists it for dotnet-isolated on Linux).
var workerRuntime = 'dotnet-isolated'
var linuxFxVersion = 'DOTNET-ISOLATED|10.0'

// Task hub names: a letter first, then letters and digits only (Durable Functions' rule; length by the decorators).
var letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
var hubNameIsValid = contains(letters, substring(durableTaskHubName, 0, 1)) && empty(filter(
  map(range(0, length(durableTaskHubName)), i => substring(durableTaskHubName, i, 1)),
  c => !contains('${letters}0123456789', c)
))
var hubName = hubNameIsValid
  ? durableTaskHubName
  : fail('durableTaskHubName "${durableTaskHubName}" must start with a letter and hold only letters and digits')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[storageKeyIndex].value};EndpointSuffix=${environment().suffixes.storage}'

// What the Functions host itself needs, and the settings holding the storage key. Applied at creation, and again
// (merged) in the final settings. AzureWebJobsStorage also holds the Durable Functions task hub (DurableTask__HubName).
var hostSettings = {
  FUNCTIONS_WORKER_RUNTIME: workerRuntime
  FUNCTIONS_EXTENSION_VERSION: '~4'
  AzureWebJobsStorage: storageConnectionString
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: storageConnectionString
  WEBSITE_CONTENTSHARE: contentShareName
  // Zip deploys are kept as a package and mounted read-only: a deployment swaps the whole app at once.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  // The package is the output of `dotnet publish`: no Oryx/remote build.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  ENABLE_ORYX_BUILD: 'false'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  // The app's Tables and Queues; queue triggers use the connection named "Storage:ConnectionString".
  Storage__ConnectionString: storageConnectionString
}

// Settings that hold no secret and no key. Applied at creation too: the timer functions' schedules are
// %Setting% binding expressions and the task hub name is %DurableTask:HubName% in host.json, so the host does not
// index those functions until it finds them as app settings.
var plainSettings = {
  ASPNETCORE_ENVIRONMENT: 'Production'
  INFRA_DEPLOYED_AT: deployedAt
  Links__PublicBaseUrl: publicBaseUrl
  Passkeys__RelyingPartyId: passkeyRelyingPartyId
  Passkeys__Origins: passkeyOrigins
  Email__Smtp__Host: smtpHost
  Email__Smtp__Port: string(smtpPort)
  Email__Smtp__Security: smtpSecurity
  Email__Smtp__Username: smtpUsername
  Email__Smtp__From: smtpFrom
  Billing__ReactivationDelay: billingReactivationDelay
  WelcomeKits__Schedule: welcomeKitsSchedule
  Lockouts__SweepSchedule: lockoutsSweepSchedule
  TwoFactor__ChallengeSweepSchedule: twoFactorChallengeSweepSchedule
  DurableTask__HubName: hubName
  Operator__OrganizationId: operatorOrganizationId
}

// Key Vault references without a version: the app follows the latest version of each secret. App Service
// caches resolved values and re-reads them on any settings change (every deployment changes INFRA_DEPLOYED_AT)
// or at its periodic refresh (up to 24 h). Applied only after the role assignment.
var secretSettings = {
  Operator__ApiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.operatorApiKey})'
  Auth__SigningKeys: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.authSigningKeys})'
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
      linuxFxVersion: linuxFxVersion
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      functionAppScaleLimit: maximumElasticWorkerCount
      minimumElasticInstanceCount: alwaysReadyInstances
      // Instances whose /api/health fails (storage unreachable) are taken out of the load balancer.
      healthCheckPath: '/api/health'
      // The platform answers CORS (preflight included) before the request reaches the host. The app's own
      // Cors:AllowedOrigins is for the standalone host only.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      // The settings holding the storage key are written out: a for-expression must be computable at the start
      // of the deployment, and these values hold listKeys(). The plain settings are known at the start.
      appSettings: concat(
        [
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
          {
            name: 'Storage__ConnectionString'
            value: hostSettings.Storage__ConnectionString
          }
        ],
        map(items(plainSettings), setting => {
          name: setting.key
          value: setting.value
        })
      )
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
  properties: union(hostSettings, plainSettings, secretSettings)
  dependsOn: [
    secretsUser
  ]
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output principalId string = site.identity.principalId
