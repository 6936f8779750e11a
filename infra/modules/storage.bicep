// The one storage account: AzureWebJobsStorage for the Functions host (leases, timer schedule status, keys) and
// the Durable Functions task hub (its tables, queues and blobs, named after DurableTask:HubName), the Azure Files
// content share the Elastic Premium plan needs, and the app's own Tables and Queues (Storage:ConnectionString).
// It is the system's database, hence the delete lock and the zone-redundant default.

@description('Azure region.')
param location string

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Replication. ZRS keeps the data through the loss of one availability zone.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string

@description('Name of the Azure Files share holding the function app content (WEBSITE_CONTENTSHARE).')
param contentShareName string

@description('Put a CanNotDelete lock on the account so that deleting it (or its resource group) needs a deliberate unlock.')
param protectFromDeletion bool

param tags object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // The Functions host (AzureWebJobsStorage, content share) and the app use key-based connection strings.
    allowSharedKeyAccess: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Created up front so the app settings can be applied in a separate step (after the Key Vault role assignment)
// without relying on the platform creating the share during site creation.
resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = {
  parent: fileService
  name: contentShareName
  properties: {
    shareQuota: 100
  }
}

resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = if (protectFromDeletion) {
  name: 'do-not-delete-accountaccess-data'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds every account, organization, audit event and pending workflow of AccountAccess.'
  }
}

output name string = storage.name
output contentShareName string = contentShare.name
