// Azure Communication Services email: an Email Communication Service with an Azure-managed domain
// (<random>.azurecomm.net, sender "DoNotReply"), linked to a Communication Services resource.
// The app sends through the ACS SMTP relay (smtp.azurecomm.net:587, STARTTLS). SMTP authentication uses a
// Microsoft Entra application linked to the Communication Services resource by an SMTP username: that part
// is set up once by hand (infra/README.md, "Email"), because it needs an Entra app registration.

@description('Communication Services resource name.')
param communicationServiceName string

@description('Email Communication Service resource name.')
param emailServiceName string

@description('Where ACS stores data at rest, e.g. "United States", "Europe", "UK", "Canada".')
param dataLocation string

param tags object

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// An Azure-managed domain is verified on creation and comes with the "DoNotReply" sender.
// Its sending quota is low: add a custom (customer-managed) domain before sending welcome kits in volume.
resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    // Links to reset passwords must not be rewritten by click tracking.
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: communicationServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

output communicationServiceName string = communicationService.name
output communicationServiceId string = communicationService.id
@description('Envelope sender domain, e.g. 1234abcd-....azurecomm.net.')
output mailFromSenderDomain string = managedDomain.properties.mailFromSenderDomain
output defaultSenderAddress string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
