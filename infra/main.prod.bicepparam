using 'main.bicep'

// Production: one always-ready instance for the durable group, zone-redundant storage, purge-protected Key Vault,
// 90 days of logs.
param environmentName = 'prod'
param namePrefix = 'delivery'
param cosmosCapacityMode = 'Serverless'
param storageSku = 'Standard_ZRS'
// Durable Functions on Flex Consumption: Microsoft advises one always-ready instance for the durable group
// (orchestrations, activities, entities), so approvals never wait for a cold start. Receipts and approval emails
// are sent by durable activities, so this instance keeps them prompt too.
param alwaysReady = [
  {
    name: 'durable'
    instanceCount: 1
  }
]
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

// The scheme of delegation (cost bands and their approval routes) and the approvers, as in
// local.settings.sample.json. Replace the example people with the council's own before deploying.
param workflowSettings = {
  Approvals__ReminderAfterWorkingDays: '3'
  Approvals__EscalateAfterWorkingDays: '5'
  Approvals__LinkLifetime: '14.00:00:00'
  Approvals__BankHolidays: '2026-12-25,2026-12-28,2027-01-01,2027-03-26,2027-03-29,2027-05-03,2027-05-31,2027-08-30,2027-12-27,2027-12-28'
  Approvals__Bands__0__Name: 'Up to £25,000'
  Approvals__Bands__0__UpTo: '25000'
  Approvals__Bands__0__Route: 'role:LineManager'
  Approvals__Bands__1__Name: 'Up to £100,000'
  Approvals__Bands__1__UpTo: '100000'
  Approvals__Bands__1__Route: 'role:LineManager; role:HeadOfService + role:Finance'
  Approvals__Bands__2__Name: 'Over £100,000'
  Approvals__Bands__2__UpTo: ''
  Approvals__Bands__2__Route: 'role:LineManager; role:HeadOfService + role:Finance; role:ProjectBoard'
  Approvals__People__0__Id: 'line-lee'
  Approvals__People__0__Name: 'Lee Morgan'
  Approvals__People__0__Email: 'lee.morgan@example.gov.uk'
  Approvals__People__0__Roles: 'LineManager'
  Approvals__People__0__EscalationContact: 'head-hana'
  Approvals__People__1__Id: 'head-hana'
  Approvals__People__1__Name: 'Hana Kowalski'
  Approvals__People__1__Email: 'hana.kowalski@example.gov.uk'
  Approvals__People__1__Roles: 'HeadOfService'
  Approvals__People__1__EscalationContact: 'board-ben'
  Approvals__People__2__Id: 'fin-farah'
  Approvals__People__2__Name: 'Farah Ahmed'
  Approvals__People__2__Email: 'farah.ahmed@example.gov.uk'
  Approvals__People__2__Roles: 'Finance'
  Approvals__People__2__EscalationContact: 'head-hana'
  Approvals__People__3__Id: 'board-ben'
  Approvals__People__3__Name: 'Ben Clarke'
  Approvals__People__3__Email: 'ben.clarke@example.gov.uk'
  Approvals__People__3__Roles: 'ProjectBoard'
  Approvals__People__3__EscalationContact: ''
  Approvals__People__4__Id: 'pm-sam'
  Approvals__People__4__Name: 'Sam Okafor'
  Approvals__People__4__Email: 'sam.okafor@example.gov.uk'
  Approvals__People__4__Roles: 'ProjectManager'
  Approvals__People__4__EscalationContact: ''
  Lifecycle__FullBusinessCaseFrom: '100000'
  Lifecycle__ProjectManagerRole: 'ProjectManager'
  Lifecycle__Tolerances__TechnologyProject__TimeWorkingDays: '10'
  Lifecycle__Tolerances__TechnologyProject__CostPercent: '10'
  Lifecycle__Tolerances__DigitalService__TimeWorkingDays: '15'
  Lifecycle__Tolerances__DigitalService__CostPercent: '15'
}
