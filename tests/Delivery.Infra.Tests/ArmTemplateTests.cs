using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Delivery.Functions.App.Settings;

namespace Delivery.Infra.Tests;

/// <summary>The compiled template provisions exactly what the code expects.</summary>
[Collection(ArmTemplateCollection.Name)]
public sealed class ArmTemplateTests(ArmTemplate template)
{
    [Fact]
    public void Cosmos_containers_have_the_names_and_partition_keys_the_code_uses()
    {
        var containers = template.ModuleParameter("cosmos", "containers").AsArray();

        var actual = containers.ToDictionary(c => (string)c!["name"]!, c => (string)c!["partitionKeyPath"]!);

        Assert.Equal(ExpectedNames.CosmosContainers.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Equal(ExpectedNames.CosmosDatabase, (string?)template.Main["variables"]!["cosmosDatabaseName"]);
    }

    [Fact]
    public void Cosmos_indexes_every_path_of_the_business_containers()
    {
        var containers = template.ModuleParameter("cosmos", "containers").AsArray();

        // Business containers are queried across fields (portfolio views, audits), so nothing is left out of the index.
        Assert.All(containers, container => Assert.Empty(container!["excludedPaths"]!.AsArray()));
    }

    [Fact]
    public void Cosmos_containers_are_all_created_from_the_list_with_its_partition_key()
    {
        var resource = template.ModuleResource("cosmos", "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");

        Assert.Equal("[length(parameters('containers'))]", (string?)resource["copy"]?["count"]);
        Assert.Equal("[parameters('containers')[copyIndex()].partitionKeyPath]", (string?)resource["properties"]!["resource"]!["partitionKey"]!["paths"]![0]);
    }

    [Fact]
    public void Cosmos_account_has_local_auth_disabled_and_is_serverless_by_default()
    {
        var account = template.ModuleResource("cosmos", "Microsoft.DocumentDB/databaseAccounts");

        Assert.True((bool?)account["properties"]!["disableLocalAuth"]);
        Assert.Equal("Tls12", (string?)account["properties"]!["minimalTlsVersion"]);
        Assert.Equal("Serverless", (string?)template.Main["parameters"]!["cosmosCapacityMode"]!["defaultValue"]);
    }

    [Fact]
    public void Cosmos_data_contributor_role_is_assigned_through_sql_role_assignments()
    {
        var assignment = template.ModuleResource("cosmos", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments");

        Assert.Equal("00000000-0000-0000-0000-000000000002", (string?)template.ModuleVariable("cosmos", "builtInDataContributorId"));
        Assert.Contains("sqlRoleDefinitions/{1}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('name')), variables('builtInDataContributorId'))", ArmTemplate.Text(assignment), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_has_the_blob_containers_the_code_uses()
    {
        var blobs = template.ModuleParameter("storage", "blobContainerNames").AsArray().Select(b => (string)b!).ToHashSet();

        Assert.True(ExpectedNames.BlobContainers.SetEquals(blobs), $"blob containers: {string.Join(", ", blobs)}");
        Assert.Equal("[length(parameters('blobContainerNames'))]", (string?)template.ModuleResource("storage", "Microsoft.Storage/storageAccounts/blobServices/containers", "blobContainerNames")["copy"]?["count"]);
    }

    [Fact]
    public void Kept_import_files_never_imported_are_deleted_a_day_later_by_a_lifecycle_rule_on_the_prefix_the_code_uses()
    {
        var policy = template.ModuleResource("storage", "Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        var prefixes = template.ModuleParameter("storage", "temporaryBlobPrefixes").AsArray().Select(p => (string)p!).ToList();

        Assert.Equal([$"{Delivery.Workflows.Storage.BlobContainers.Documents}/{Delivery.Functions.BacklogImportPage.ImportUploads.Prefix}"], prefixes);
        Assert.Equal("[parameters('temporaryBlobPrefixes')]", (string?)rule["definition"]!["filters"]!["prefixMatch"]);
        Assert.Equal(1, (int?)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]);
        Assert.True((bool?)rule["enabled"]);
        Assert.StartsWith(Delivery.Functions.BacklogImportPage.ImportUploads.Prefix, Delivery.Functions.BacklogImportPage.ImportUploads.BlobFor("prj-1", new string('a', 64)), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_creates_no_queues_since_the_durable_task_hub_makes_its_own()
    {
        var compiled = ArmTemplate.Text(template.Main);

        // The task hub's control and work-item queues are created by the Durable extension at start-up, under names
        // derived from host.json's hubName; the app itself has no queue-triggered functions (AppContractTests).
        Assert.DoesNotContain(template.ModuleResources("storage"), r => (ArmTemplate.Type(r) ?? "").StartsWith("Microsoft.Storage/storageAccounts/queueServices", StringComparison.Ordinal));
        Assert.DoesNotContain("Microsoft.Storage/storageAccounts/queueServices", compiled, StringComparison.Ordinal);
        Assert.Null(template.Module("storage")["properties"]!["parameters"]!["queueNames"]);
        Assert.All(ExpectedNames.RetiredAppQueues, name => Assert.DoesNotContain($"'{name}'", compiled, StringComparison.Ordinal));
        Assert.All(ExpectedNames.RetiredAppQueues, name => Assert.DoesNotContain($"\"{name}\"", compiled, StringComparison.Ordinal));
    }

    [Fact]
    public void Storage_allows_no_public_blobs_no_shared_keys_and_tls_1_2_only()
    {
        var properties = template.ModuleResource("storage", "Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool?)properties["allowBlobPublicAccess"]);
        Assert.False((bool?)properties["allowSharedKeyAccess"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Managed_identity_gets_exactly_the_storage_data_roles_for_host_storage_and_the_durable_task_hub()
    {
        var storageRoles = template.ModuleVariable("storage-roles", "roleIds").AsObject().Select(p => (string)p.Value!).ToHashSet();

        Assert.True(ExpectedNames.StorageDataRoles.Values.ToHashSet().SetEquals(storageRoles),
            $"storage roles: {string.Join(", ", storageRoles)}; expected {string.Join(", ", ExpectedNames.StorageDataRoles.Keys)}");
    }

    [Fact]
    public void Storage_roles_are_assigned_to_the_app_identity_on_the_storage_account_for_every_role_in_the_list()
    {
        var assignment = template.ModuleResource("storage-roles", "Microsoft.Authorization/roleAssignments");
        var parameters = template.Module("storage-roles")["properties"]!["parameters"]!;

        Assert.Equal("[length(items(variables('roleIds')))]", (string?)assignment["copy"]?["count"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)assignment["scope"]);
        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', items(variables('roleIds'))[copyIndex()].value)]", (string?)assignment["properties"]!["roleDefinitionId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Equal("[reference('identity').outputs.principalId.value]", (string?)parameters["principalId"]!["value"]);
        Assert.Equal("[variables('names').storage]", (string?)parameters["storageAccountName"]!["value"]);
    }

    [Fact]
    public void Managed_identity_reads_key_vault_secrets_as_key_vault_secrets_user()
    {
        var vaultRole = template.ModuleResource("keyvault", "Microsoft.Authorization/roleAssignments");

        Assert.Equal("4633458b-17de-408a-b874-0445c86b69e6", (string?)template.ModuleVariable("keyvault", "secretsUserRoleId"));
        Assert.Contains("variables('secretsUserRoleId')", ArmTemplate.Text(vaultRole), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_vault_uses_rbac()
    {
        var vault = template.ModuleResource("keyvault", "Microsoft.KeyVault/vaults");

        Assert.True((bool?)vault["properties"]!["enableRbacAuthorization"]);
    }

    [Fact]
    public void App_settings_are_exactly_the_ones_the_app_reads_in_azure()
    {
        var names = AppSettings().Select(p => p.Key).ToHashSet();

        Assert.True(ExpectedNames.AzureAppSettings.SetEquals(names),
            $"missing: {string.Join(", ", ExpectedNames.AzureAppSettings.Except(names))}; unexpected: {string.Join(", ", names.Except(ExpectedNames.AzureAppSettings))}");
        Assert.Empty(names.Intersect(ExpectedNames.LocalOnlySettings));
    }

    [Fact]
    public void App_settings_use_the_managed_identity_and_a_key_vault_reference_for_sendgrid()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal((string?)settings["AZURE_CLIENT_ID"], (string?)settings["AzureWebJobsStorage__clientId"]);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", (string?)settings["Email__SendGridApiKey"], StringComparison.Ordinal);
        Assert.Equal("true", (string?)settings["Auth__TrustAppServiceAuthentication"]);
        Assert.Equal("Production", (string?)settings["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Host_storage_and_the_durable_task_hub_connect_to_the_app_storage_account_with_the_user_assigned_identity()
    {
        var settings = AppSettings();
        var parameters = template.Module("functionapp")["properties"]!["parameters"]!;

        // The Durable extension's Azure Storage provider reads the AzureWebJobsStorage connection by default; a
        // user-assigned identity needs credential and clientId (Durable does not accept managedIdentityResourceId).
        Assert.Equal("[parameters('storageAccountName')]", (string?)settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("[parameters('identityClientId')]", (string?)settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[reference('storage').outputs.name.value]", (string?)parameters["storageAccountName"]!["value"]);
        Assert.Equal("[reference('identity').outputs.clientId.value]", (string?)parameters["identityClientId"]!["value"]);
        // A plain AzureWebJobsStorage would be a connection string, which the account (no shared keys) refuses.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Select(p => p.Key));
    }

    [Fact]
    public void Function_app_runs_the_dotnet_isolated_worker_on_the_dotnet_version_the_functions_project_builds()
    {
        var runtime = template.ModuleResource("functionapp", "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;
        var framework = typeof(CosmosSettings).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
        Assert.Equal($".NETCoreApp,Version=v{(string?)runtime["version"]}", framework);
    }

    [Fact]
    public void Function_app_is_on_flex_consumption_without_the_worker_runtime_app_setting_flex_does_not_accept()
    {
        var plan = template.ModuleResource("functionapp", "Microsoft.Web/serverfarms");
        var site = template.ModuleResource("functionapp", "Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("[parameters('alwaysReady')]", (string?)config["scaleAndConcurrency"]!["alwaysReady"]);
        Assert.DoesNotContain(ExpectedNames.WorkerRuntimeSetting, AppSettings().Select(p => p.Key));
    }

    [Fact]
    public void Function_app_is_https_only_with_tls_1_2_and_entra_id_authentication()
    {
        var site = template.ModuleResource("functionapp", "Microsoft.Web/sites");
        var auth = template.ModuleResource("functionapp", "Microsoft.Web/sites/config", "authsettingsV2")["properties"]!;

        Assert.True((bool?)site["properties"]!["httpsOnly"]);
        Assert.Equal("1.2", (string?)site["properties"]!["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.True((bool?)auth["platform"]!["enabled"]);
        Assert.True((bool?)auth["identityProviders"]!["azureActiveDirectory"]!["enabled"]);
        Assert.True((bool?)auth["httpSettings"]!["requireHttps"]);
    }

    [Fact]
    public void Always_ready_entries_go_to_the_function_app_as_the_environment_gives_them()
    {
        var alwaysReady = template.Module("functionapp")["properties"]!["parameters"]!["alwaysReady"]!;

        Assert.Equal("[parameters('alwaysReady')]", (string?)alwaysReady["value"]);
        Assert.Empty(template.Main["parameters"]!["alwaysReady"]!["defaultValue"]!.AsArray());
    }

    [Fact]
    public void Production_keeps_one_durable_instance_always_ready_and_development_keeps_none()
    {
        var production = AlwaysReady("prod");

        // One instance for the durable group, as Microsoft advises on Flex Consumption, and nothing else billed while idle.
        Assert.Equal(new Dictionary<string, int> { ["durable"] = 1 }, production);
        Assert.Empty(AlwaysReady("dev"));
    }

    [Fact]
    public void No_resource_or_setting_of_the_retired_durable_runtime_is_left()
    {
        var cosmos = template.ModuleParameter("cosmos", "containers").AsArray().Select(c => (string)c!["name"]!);
        var blobs = template.ModuleParameter("storage", "blobContainerNames").AsArray().Select(b => (string)b!);
        var provisioned = cosmos.Concat(blobs).ToList();
        var compiled = ArmTemplate.Text(template.Main);

        Assert.Empty(provisioned.Intersect(ExpectedNames.RetiredDurableRuntimeResources));
        Assert.All(ExpectedNames.RetiredDurableRuntimeResources, name =>
        {
            Assert.DoesNotContain($"\"{name}\"", compiled, StringComparison.Ordinal);
            Assert.DoesNotContain($"'{name}'", compiled, StringComparison.Ordinal);
        });
        // Durable__Backend chose between the old runtime's stores; the Durable extension has no such choice.
        Assert.DoesNotContain("Durable__Backend", AppSettings().Select(p => p.Key));
        Assert.DoesNotContain(AlwaysReady("prod"), entry => entry.Key is "function:DurableWork" or "function:SendEmail");
        Assert.Null(template.Main["parameters"]!["customHandlerRuntimeVersion"]);
    }

    private Dictionary<string, int> AlwaysReady(string environment) =>
        (template.EnvironmentParameter(environment, "alwaysReady")?.AsArray() ?? [])
            .ToDictionary(entry => (string)entry!["name"]!, entry => (int)entry!["instanceCount"]!);

    private JsonObject AppSettings() => template.AppSettings();
}
