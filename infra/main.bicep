// AccountAccess: Azure resources for the Function App (.NET isolated worker, .NET 10, Linux).
//
//   Storage account ......... AzureWebJobsStorage (host state + the Durable Functions task hub), content share,
//                             the app's Tables and Queues
//   Log Analytics + App Insights
//   Key Vault (RBAC) ........ operator-api-key, auth-signing-key, two-factor-encryption-key,
//                             billing-webhook-secret, smtp-password
//   Communication Services .. Email Service with an Azure-managed domain, used through the SMTP relay
//   Elastic Premium plan .... Linux Function App (dotnet-isolated, .NET 10), system-assigned identity,
//                             "Key Vault Secrets User" on the vault, secrets as Key Vault references
//   Static Web App .......... the hosted account pages (web/), an allowed CORS origin of the Function App and,
//                             unless publicBaseUrl says otherwise, the base URL of the emailed links
//
// Deploy: infra/README.md. Every deployment re-writes the five secrets from the parameters, so always deploy
// with the parameters file that holds the current values.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------
// General
// ---------------------------------------------------------------------------------------------------------

@description('Azure region of the regional resources (Communication Services is global).')
param location string = resourceGroup().location

@description('Short name the resource names are built from (letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param baseName string = 'accountaccess'

@description('Function App name; must be globally unique. Defaults to <baseName>-<hash of the resource group>.')
param functionAppName string = '${baseName}-${uniqueString(resourceGroup().id)}'

@description('Stamp written to the INFRA_DEPLOYED_AT app setting. Leave the default: every deployment then changes a setting, which makes App Service re-read the Key Vault references at once (rotation).')
param deployedAt string = utcNow()

@description('Tags put on every resource.')
param tags object = {
  application: 'AccountAccess'
}

// ---------------------------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------------------------

@description('Elastic Premium SKU. EP1 (1 vCPU, 3.5 GB) is enough for sign-in traffic; scale out before scaling up.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param planSku string = 'EP1'

@description('Always-ready instances (billed continuously). At least 1: sign-in must not wait for a cold start.')
@minValue(1)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('Maximum instances the plan may scale out to.')
@minValue(1)
@maxValue(100)
param maximumElasticWorkerCount int = 20

// ---------------------------------------------------------------------------------------------------------
// Storage and monitoring
// ---------------------------------------------------------------------------------------------------------

@description('Storage replication. ZRS by default: the account is the system\'s only database.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Storage account key used in the connection strings: 0 = key1, 1 = key2. Switch it to rotate keys (README).')
@allowed([
  0
  1
])
param storageKeyIndex int = 0

@description('CanNotDelete lock on the storage account.')
param protectStorageFromDeletion bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------------------------------------------------------------------------------------------------------
// Application settings
// ---------------------------------------------------------------------------------------------------------

@description('Front-end base URL used in emailed links (Links:PublicBaseUrl), e.g. https://app.example.com. Empty = the account pages\' Static Web App, https://<its default hostname>.')
param publicBaseUrl string = ''

@description('Passkeys:RelyingPartyId, the WebAuthn relying party id every passkey is bound to for ever: the host of the pages that run the passkey ceremonies, or a registrable domain above it (e.g. example.com for https://accounts.example.com). Empty = the host of the pages\' URL (publicBaseUrl, else the Static Web App\'s default hostname). Set it before the first passkey is registered: changing it later makes every registered passkey unusable.')
param passkeyRelyingPartyId string = ''

@description('Passkeys:Origins, the origins of the pages allowed to run the passkey ceremonies, each under passkeyRelyingPartyId, e.g. ["https://accounts.example.com"]. Empty = the pages\' URL (publicBaseUrl, else the Static Web App).')
param passkeyOrigins array = []

@description('Delay before access is restored after billing catches up (Billing:ReactivationDelay, d.hh:mm:ss).')
param billingReactivationDelay string = '1.00:00:00'

@description('Browser origins allowed to call the API besides the account pages\' Static Web App, which is always allowed (the Function App\'s CORS setting; the platform answers preflights), e.g. ["https://app.example.com"].')
param corsAllowedOrigins array = []

// ---------------------------------------------------------------------------------------------------------
// Account pages (web/), an Azure Static Web App
// ---------------------------------------------------------------------------------------------------------

@description('Static Web App SKU of the account pages. Free is enough for static pages; Standard adds an SLA, larger quotas and private endpoints.')
@allowed([
  'Free'
  'Standard'
])
param staticWebAppSku string = 'Free'

// Static Web Apps exist in a few regions only (the pages are served from Azure's global edge whatever the region).
@description('Region of the Static Web App\'s metadata. Defaults to location when Static Web Apps are offered there, else westeurope.')
@allowed([
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
])
param staticWebAppLocation string = contains(['centralus', 'eastasia', 'eastus2', 'westeurope', 'westus2'], location)
  ? location
  : 'westeurope'

// ---------------------------------------------------------------------------------------------------------
// Timer schedules (NCRONTAB, six fields: second minute hour day month day-of-week) and the Durable task hub.
// The functions read them as %Setting% binding expressions: app settings, changed without redeploying the app.
// ---------------------------------------------------------------------------------------------------------

@description('WelcomeKits:Schedule: when scheduled welcome kits are sent.')
param welcomeKitsSchedule string = '0 */15 * * * *'

@description('Lockouts:SweepSchedule: when lockouts whose time is up are ended.')
param lockoutsSweepSchedule string = '0 * * * * *'

@description('TwoFactor:ChallengeSweepSchedule: when expired two-factor challenges are removed.')
param twoFactorChallengeSweepSchedule string = '0 0 * * * *'

@description('DurableTask:HubName: the Durable Functions task hub in the storage account (AzureWebJobsStorage). A letter, then letters and digits, 3-45 characters. Changing it starts an empty hub: orchestrations in the old one stop being run.')
@minLength(3)
@maxLength(45)
param durableTaskHubName string = 'AccountAccess'

@description('Operator:OrganizationId: the support team\'s organization, whose administrators holding the support permission are operators on the management portal (second factor required). Empty = none (docs/operator.md "Support accounts": create the organization with the operator key, then set this).')
param operatorOrganizationId string = ''

// ---------------------------------------------------------------------------------------------------------
// Email (Azure Communication Services SMTP relay)
// ---------------------------------------------------------------------------------------------------------

@description('Where Communication Services stores data at rest, e.g. "United States", "Europe", "UK", "Canada".')
param communicationDataLocation string = 'United States'

@description('''SMTP username (Email:Smtp:Username). Either the "username" of an SMTP Username resource on the
Communication Services resource (linked to an Entra application), or the legacy form
<communication services name>.<Entra application (client) id>.<Entra tenant id>. See README, "Email".''')
@minLength(1)
param smtpUsername string

@description('Sender address (Email:Smtp:From). Empty = DoNotReply@<the Azure-managed domain>.')
param smtpFrom string = ''

// ---------------------------------------------------------------------------------------------------------
// Secrets: stored in Key Vault, never in app settings. No defaults on purpose.
// ---------------------------------------------------------------------------------------------------------

@description('Operator:ApiKey, the X-Operator-Key of the support team. e.g. openssl rand -base64 32')
@secure()
@minLength(32)
param operatorApiKey string

@description('Auth:SigningKeys: PEM EC P-256 private keys (PKCS#8), separated by a blank line; the first signs, all are published (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256). infra/README.md, "Rotating the token signing keys".')
@secure()
@minLength(200)
param authSigningKeys string

@description('TwoFactor:EncryptionKey: base64 of exactly 32 random bytes (openssl rand -base64 32). Encrypts TOTP secrets at rest.')
@secure()
@minLength(44)
@maxLength(44)
param twoFactorEncryptionKey string

@description('Billing:WebhookSecret: HMAC secret shared with the billing system.')
@secure()
@minLength(32)
param billingWebhookSecret string

@description('Email:Smtp:Password: a client secret of the Entra application used for SMTP authentication.')
@secure()
@minLength(1)
param smtpPassword string

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

var suffix = uniqueString(resourceGroup().id)
var compactBaseName = toLower(replace(baseName, '-', ''))
var storageAccountName = 'st${take(compactBaseName, 9)}${suffix}' // <= 24, lowercase alphanumeric
var keyVaultName = 'kv${take(compactBaseName, 9)}${suffix}' // <= 24
var contentShareName = take(toLower(functionAppName), 63)
var staticWebAppName = 'stapp-${baseName}-${suffix}'

// The operator's CORS origins: scheme and host (and port), nothing after it, no wildcard. Checked here, before the
// account pages' origin joins them: that one is only known once the site exists, and Azure makes it well formed.
var badCorsOrigins = filter(
  corsAllowedOrigins,
  o => !(startsWith(o, 'https://') || startsWith(o, 'http://')) || length(split(o, '/')) != 3 || contains(o, '*')
)
var operatorCorsOrigins = empty(badCorsOrigins)
  ? corsAllowedOrigins
  : fail('corsAllowedOrigins must be origins such as https://app.example.com (no path, no trailing slash, no wildcard): ${join(badCorsOrigins, ', ')}')

// The emailed links open the account pages unless the operator serves them elsewhere (own domain, own front end).
var pagesUrl = empty(publicBaseUrl) ? staticWebApp.outputs.url : publicBaseUrl
var pagesHost = split(replace(pagesUrl, 'https://', ''), '/')[0]

// The passkey relying party: by default the pages the emailed links open (the Static Web App unless publicBaseUrl names
// another front end), as the app would derive it from Links:PublicBaseUrl; written out so the portal shows what every
// passkey is bound to. The app checks at start-up that each origin is https and under the relying party id.
var badPasskeyOrigins = filter(passkeyOrigins, o => !startsWith(o, 'https://') || length(split(o, '/')) != 3 || contains(o, '*'))
var checkedPasskeyOrigins = empty(badPasskeyOrigins)
  ? passkeyOrigins
  : fail('passkeyOrigins must be https origins such as https://accounts.example.com (no path, no trailing slash, no wildcard): ${join(badPasskeyOrigins, ', ')}')
var badPasskeyRelyingPartyId = contains(passkeyRelyingPartyId, '/') || contains(passkeyRelyingPartyId, ':')
var checkedPasskeyRelyingPartyId = badPasskeyRelyingPartyId
  ? fail('passkeyRelyingPartyId must be a host name such as example.com, without scheme, port or path (was "${passkeyRelyingPartyId}")')
  : passkeyRelyingPartyId

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}-${suffix}'
    appInsightsName: 'appi-${baseName}-${suffix}'
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    storageAccountName: storageAccountName
    skuName: storageSku
    contentShareName: contentShareName
    protectFromDeletion: protectStorageFromDeletion
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    keyVaultName: keyVaultName
    workspaceId: monitoring.outputs.workspaceId
    operatorApiKey: operatorApiKey
    authSigningKeys: authSigningKeys
    twoFactorEncryptionKey: twoFactorEncryptionKey
    billingWebhookSecret: billingWebhookSecret
    smtpPassword: smtpPassword
    tags: tags
  }
}

module email 'modules/email.bicep' = {
  name: 'email'
  params: {
    communicationServiceName: 'acs-${baseName}-${suffix}'
    emailServiceName: 'acs-email-${baseName}-${suffix}'
    dataLocation: communicationDataLocation
    tags: tags
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'staticWebApp'
  params: {
    location: staticWebAppLocation
    name: staticWebAppName
    skuName: staticWebAppSku
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    functionAppName: functionAppName
    planName: 'plan-${baseName}-${suffix}'
    planSku: planSku
    maximumElasticWorkerCount: maximumElasticWorkerCount
    alwaysReadyInstances: alwaysReadyInstances
    storageAccountName: storage.outputs.name
    storageKeyIndex: storageKeyIndex
    contentShareName: storage.outputs.contentShareName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    keyVaultName: keyVault.outputs.name
    secretNames: keyVault.outputs.secretNames
    publicBaseUrl: pagesUrl
    passkeyRelyingPartyId: empty(checkedPasskeyRelyingPartyId) ? split(pagesHost, ':')[0] : checkedPasskeyRelyingPartyId
    passkeyOrigins: join(empty(checkedPasskeyOrigins) ? ['https://${pagesHost}'] : checkedPasskeyOrigins, ',')
    smtpHost: 'smtp.azurecomm.net'
    smtpPort: 587
    smtpSecurity: 'StartTls'
    smtpUsername: smtpUsername
    smtpFrom: empty(smtpFrom) ? email.outputs.defaultSenderAddress : smtpFrom
    billingReactivationDelay: billingReactivationDelay
    welcomeKitsSchedule: welcomeKitsSchedule
    lockoutsSweepSchedule: lockoutsSweepSchedule
    twoFactorChallengeSweepSchedule: twoFactorChallengeSweepSchedule
    durableTaskHubName: durableTaskHubName
    operatorOrganizationId: operatorOrganizationId
    // The pages call the API from their own origin: the site is always allowed, whatever else the operator lists.
    corsAllowedOrigins: union([staticWebApp.outputs.url], operatorCorsOrigins)
    deployedAt: deployedAt
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------------

output functionAppName string = functionApp.outputs.name
output defaultHostName string = functionApp.outputs.defaultHostName
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output communicationServiceName string = email.outputs.communicationServiceName
output smtpFrom string = empty(smtpFrom) ? email.outputs.defaultSenderAddress : smtpFrom
output appInsightsName string = monitoring.outputs.appInsightsName
output staticWebAppName string = staticWebApp.outputs.name
output staticWebAppUrl string = staticWebApp.outputs.url
// The one origin the account pages may call (their Content-Security-Policy connect-src, written by infra/pages.sh): the
// Function App's own host, never *.azurewebsites.net, which is anyone's app.
output apiOrigin string = 'https://${functionApp.outputs.defaultHostName}'
