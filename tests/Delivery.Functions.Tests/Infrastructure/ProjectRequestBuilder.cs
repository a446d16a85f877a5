using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Delivery.Functions.Tests.Infrastructure;

/// <summary>
/// A valid project request with a unique tag in its title (every email about a project names it in the subject, so
/// tests find their own emails), which tests then change one field at a time. The requester is whoever posts it;
/// the sponsor is Hana Kowalski, whom every test app's directory knows.
/// </summary>
public sealed class ProjectRequestBuilder
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];

    public ProjectRequestBuilder()
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        Json = new JsonObject
        {
            ["title"] = $"Laptop refresh for libraries {_tag}",
            ["description"] = "Replace 120 ageing public laptops in branch libraries.",
            ["category"] = "technology-project",
            ["sponsor"] = new JsonObject { ["name"] = "Hana Kowalski", ["email"] = SponsorAddress },
            ["estimatedCost"] = new JsonObject { ["capital"] = 84000, ["revenue"] = 6000 },
            ["targetStart"] = start.ToString("yyyy-MM-dd"),
            ["targetEnd"] = start.AddMonths(6).ToString("yyyy-MM-dd"),
            ["benefits"] = new JsonArray(new JsonObject
            {
                ["measure"] = "Laptop faults per month",
                ["baseline"] = "40",
                ["target"] = "5",
                ["date"] = start.AddMonths(9).ToString("yyyy-MM-dd"),
                ["owner"] = "Head of Libraries",
            }),
            ["risks"] = new JsonArray(new JsonObject { ["description"] = "Supplier delivery delays", ["probability"] = 3, ["impact"] = 4 }),
        };
    }

    /// <summary>The seeded sponsor's address, known to every test app's directory (see <see cref="TestSettings.Local"/>).</summary>
    public const string SponsorAddress = "hana.kowalski@example.gov.uk";

    /// <summary>Rita's inbox, as far as this request goes: she is who the tests post requests as.</summary>
    public Mailbox Requester => new("rita.patel@example.gov.uk", _tag);

    /// <summary>The sponsor's inbox, as far as this request goes.</summary>
    public Mailbox Sponsor => new(SponsorAddress, _tag);

    /// <summary>The original title (tests may remove or change the one in <see cref="Json"/>).</summary>
    public string Title => $"Laptop refresh for libraries {_tag}";

    public JsonObject Json { get; }

    /// <summary>Sets (or with null removes) the value at a path like <c>requester.email</c> or <c>benefits[0].date</c>.</summary>
    public ProjectRequestBuilder With(string path, JsonNode? value)
    {
        var parts = path.Replace("]", string.Empty, StringComparison.Ordinal).Split('.', '[');
        JsonNode node = Json;
        foreach (var part in parts[..^1])
        {
            // A missing object on the way (such as requester, which a valid request leaves out) is created.
            node = int.TryParse(part, out var i) ? node[i]! : node[part] ?? (node[part] = new JsonObject());
        }

        var last = parts[^1];
        if (node is JsonArray array && int.TryParse(last, out var index))
        {
            array[index] = value;
        }
        else if (value is null)
        {
            node.AsObject().Remove(last);
        }
        else
        {
            node[last] = value;
        }

        return this;
    }

    public JsonContent ToJsonContent() => JsonContent.Create(Json);

    /// <summary>The same request as an HTML form would post it (flat field names).</summary>
    public Dictionary<string, string> ToFormFields()
    {
        var fields = new Dictionary<string, string>();
        Flatten(Json, string.Empty, fields);
        return fields;
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Flatten(value, path.Length == 0 ? key : $"{path}.{key}", fields);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}[{i}]", fields);
                }

                break;
            case JsonValue value:
                fields[path] = value.ToString();
                break;
        }
    }
}
