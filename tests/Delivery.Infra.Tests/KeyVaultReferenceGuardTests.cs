using Delivery.Functions.App.AzureHosting;
using Delivery.Functions.App.Settings;
using Microsoft.Extensions.Configuration;

namespace Delivery.Infra.Tests;

public sealed class KeyVaultReferenceGuardTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    [Fact]
    public void EnsureResolved_UnresolvedReference_ThrowsNamingTheSettingInAppSettingForm()
    {
        var configuration = Configuration(
            ("Email:SendGridApiKey", "@Microsoft.KeyVault(SecretUri=https://kv-delivery-prod.vault.azure.net/secrets/SendGridApiKey)"),
            ("Email:FromAddress", "delivery@example.gov.uk"));

        var error = Assert.Throws<SettingsException>(() => KeyVaultReferenceGuard.EnsureResolved(configuration));

        Assert.Contains("'Email__SendGridApiKey'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Email__FromAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureResolved_AllValuesResolved_DoesNotThrow()
    {
        var configuration = Configuration(("Email:SendGridApiKey", "SG.resolved-secret-value"), ("Cosmos:Database", "delivery"));

        var unresolved = KeyVaultReferenceGuard.FindUnresolved(configuration);
        KeyVaultReferenceGuard.EnsureResolved(configuration);

        Assert.Empty(unresolved);
    }

    [Theory]
    [InlineData("@microsoft.keyvault(VaultName=kv;SecretName=x)")]
    [InlineData("  @Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)")]
    public void FindUnresolved_ReferenceInAnyCaseOrWithLeadingSpace_IsFound(string value)
    {
        var configuration = Configuration(("Auth:ClientSecret", value), ("Other", "plain"));

        var unresolved = KeyVaultReferenceGuard.FindUnresolved(configuration);

        Assert.Equal(["Auth__ClientSecret"], unresolved);
    }

    [Fact]
    public void FindUnresolved_SeveralReferences_ListsEachOnceSorted()
    {
        var configuration = Configuration(
            ("Storage:Key", "@Microsoft.KeyVault(SecretUri=a)"),
            ("Email:SendGridApiKey", "@Microsoft.KeyVault(SecretUri=b)"),
            ("Mentions", "see @Microsoft.KeyVault( in the docs"));

        var unresolved = KeyVaultReferenceGuard.FindUnresolved(configuration);

        Assert.Equal(["Email__SendGridApiKey", "Storage__Key"], unresolved);
    }
}
