using System.Text.Json.Nodes;

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
    public void Cosmos_indexes_every_path_except_in_containers_read_only_by_id()
    {
        var containers = template.ModuleParameter("cosmos", "containers").AsArray();

        foreach (var container in containers)
        {
            var name = (string)container!["name"]!;
            var excluded = container["excludedPaths"]!.AsArray().Select(p => (string)p!).ToList();
            if (ExpectedNames.UnindexedContainers.Contains(name))
            {
                Assert.Equal(["/*"], excluded);
            }
            else
            {
                Assert.Empty(excluded);
            }
        }
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
    public void Storage_has_the_queues_and_blob_containers_the_code_uses()
    {
        var queues = template.ModuleParameter("storage", "queueNames").AsArray().Select(q => (string)q!).ToHashSet();
        var blobs = template.ModuleParameter("storage", "blobContainerNames").AsArray().Select(b => (string)b!).ToHashSet();

        Assert.True(ExpectedNames.Queues.SetEquals(queues), $"queues: {string.Join(", ", queues)}");
        Assert.True(ExpectedNames.BlobContainers.SetEquals(blobs), $"blob containers: {string.Join(", ", blobs)}");
        Assert.Equal("[length(parameters('queueNames'))]", (string?)template.ModuleResource("storage", "Microsoft.Storage/storageAccounts/queueServices/queues")["copy"]?["count"]);
        Assert.Equal("[length(parameters('blobContainerNames'))]", (string?)template.ModuleResource("storage", "Microsoft.Storage/storageAccounts/blobServices/containers", "blobContainerNames")["copy"]?["count"]);
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
    public void Managed_identity_gets_blob_queue_and_table_data_contributor_and_key_vault_secrets_user()
    {
        var storageRoles = template.ModuleVariable("storage-roles", "roleIds").AsObject().Select(p => (string)p.Value!).ToHashSet();
        var vaultRole = template.ModuleResource("keyvault", "Microsoft.Authorization/roleAssignments");

        Assert.Contains("ba92f5b4-2d11-453d-a403-e96b0029c9fe", storageRoles);
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", storageRoles);
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", storageRoles);
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
    public void Function_app_is_a_custom_handler_on_flex_consumption_without_the_refused_worker_runtime_setting()
    {
        var plan = template.ModuleResource("functionapp", "Microsoft.Web/serverfarms");
        var site = template.ModuleResource("functionapp", "Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("custom", (string?)config["runtime"]!["name"]);
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
    public void Always_ready_instances_are_named_per_function()
    {
        var alwaysReady = ArmTemplate.Text(template.Module("functionapp")["properties"]!["parameters"]!["alwaysReady"]!);

        Assert.Contains("format('function:{0}', parameters('alwaysReadyFunctions')[copyIndex('value')])", alwaysReady, StringComparison.Ordinal);
    }

    private JsonObject AppSettings() => template.AppSettings();
}
