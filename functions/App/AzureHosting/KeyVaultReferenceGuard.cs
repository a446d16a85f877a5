using Delivery.Functions.App.Settings;

// Not "Delivery.Functions.App.Azure": that would hide the Azure SDK's root namespace from code in Delivery.Functions.App.
namespace Delivery.Functions.App.AzureHosting;

/// <summary>
/// Stops start-up when an app setting still holds an unresolved Key Vault reference.
/// </summary>
/// <remarks>
/// In Azure, App Service replaces <c>@Microsoft.KeyVault(SecretUri=...)</c> with the secret before the app starts.
/// When it cannot (secret missing, identity without Key Vault Secrets User, wrong keyVaultReferenceIdentity) it
/// passes the reference text through unchanged, and the app would otherwise run with the reference as if it were
/// the secret (for example sending it to SendGrid as an API key). Failing at start-up names the setting instead.
/// </remarks>
public static class KeyVaultReferenceGuard
{
    private const string ReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary>Throws if any configuration value is an unresolved Key Vault reference.</summary>
    /// <exception cref="SettingsException">
    /// Names every such setting (in app-setting form, <c>__</c> for nesting); Program.cs prints it as one line.
    /// </exception>
    public static void EnsureResolved(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var unresolved = FindUnresolved(configuration);
        if (unresolved.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", unresolved.Select(name => $"'{name}'"));
        throw new SettingsException(
            $"App setting {names} still holds an unresolved Key Vault reference ({ReferencePrefix}...). "
            + "App Service could not read the secret: check that the secret exists in the vault, that the app's "
            + "managed identity has the Key Vault Secrets User role on it and that the site's keyVaultReferenceIdentity "
            + "names that identity (infra/README.md, 'Key Vault references').");
    }

    /// <summary>The settings (app-setting form, sorted) whose value is an unresolved Key Vault reference.</summary>
    public static IReadOnlyList<string> FindUnresolved(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        return configuration.AsEnumerable()
            .Where(pair => pair.Value is { } value && value.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
