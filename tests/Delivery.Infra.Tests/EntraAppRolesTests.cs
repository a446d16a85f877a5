using System.Text.Json.Nodes;
using Delivery.Functions.App.Auth;

namespace Delivery.Infra.Tests;

public sealed class EntraAppRolesTests
{
    [Fact]
    public void App_registration_roles_are_exactly_the_roles_the_app_checks()
    {
        var roles = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "entra-app-roles.json")))!.AsArray();

        var values = roles.Select(r => (string)r!["value"]!).Order().ToList();
        var ids = roles.Select(r => (string)r!["id"]!).ToHashSet();

        Assert.Equal(Roles.All.Order(), values);
        Assert.Equal(roles.Count, ids.Count);
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
    }
}
