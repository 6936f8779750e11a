// Key Vault holding the app's secrets. RBAC authorization (no access policies), soft delete and purge
// protection: a deleted secret or vault can be recovered for 90 days and cannot be purged early.
// The function app reads the secrets through Key Vault references (see functionapp.bicep).

@description('Azure region.')
param location string

@description('Key Vault name (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Log Analytics workspace receiving the vault audit log (who read or changed which secret).')
param workspaceId string

@secure()
param operatorApiKey string

@description('Auth:SigningKeys: PEM EC P-256 private keys (PKCS#8), blank-line separated; the first signs, all are published.')
@secure()
param authSigningKeys string

@secure()
param twoFactorEncryptionKey string

@secure()
param billingWebhookSecret string

@secure()
param smtpPassword string

param tags object

// One place for the secret names; the function app module builds its Key Vault references from this output.
var secretNames = {
  operatorApiKey: 'operator-api-key'
  authSigningKeys: 'auth-signing-keys'
  twoFactorEncryptionKey: 'two-factor-encryption-key'
  billingWebhookSecret: 'billing-webhook-secret'
  smtpPassword: 'smtp-password'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource operatorApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.operatorApiKey
  properties: {
    value: operatorApiKey
    contentType: 'Operator:ApiKey (X-Operator-Key)'
  }
}

resource authSigningKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.authSigningKeys
  properties: {
    value: authSigningKeys
    contentType: 'Auth:SigningKeys (PEM EC P-256 private keys, blank-line separated, the signing one first)'
  }
}

resource twoFactorEncryptionKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.twoFactorEncryptionKey
  properties: {
    value: twoFactorEncryptionKey
    contentType: 'TwoFactor:EncryptionKey (base64, 32 bytes)'
  }
}

resource billingWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.billingWebhookSecret
  properties: {
    value: billingWebhookSecret
    contentType: 'Billing:WebhookSecret (HMAC)'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: secretNames.smtpPassword
  properties: {
    value: smtpPassword
    contentType: 'Email:Smtp:Password (Entra application client secret)'
  }
}

resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output secretNames object = secretNames
