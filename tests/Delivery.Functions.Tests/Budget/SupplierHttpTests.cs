using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Storage;
using Microsoft.Azure.Cosmos;

namespace Delivery.Functions.Tests.Budget;

/// <summary>
/// Suppliers and their statements of work through the API on an approved project: each version recorded and audited
/// once however often it is sent, spend entries naming a supplier add up against its statement of work (and only
/// one of the project's suppliers may be named), bad input named field by field with nothing stored, and only the
/// project manager or Finance may record.
/// </summary>
public sealed class SupplierHttpTests(ApprovalApp app) : IClassFixture<ApprovalApp>
{
    [Fact]
    public async Task A_supplier_is_created_then_replaced_and_a_retry_changes_nothing_each_version_audited_once()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var url = $"/api/projects/{projectId}/suppliers/laptop-co";
        var first = new { name = "Laptop Co", statementOfWorkReference = "SOW-001", statementOfWorkValue = 6_000m, startDate = Day(0), endDate = Day(90), contractReference = "PO-778" };
        var second = first with { statementOfWorkReference = "SOW-001a", statementOfWorkValue = 7_500.25m };

        using var created = await sam.PutAsJsonAsync(url, first);
        using var retry = await sam.PutAsJsonAsync(url, first);
        using var replaced = await sam.PutAsJsonAsync(url, second);
        using var replacedAgain = await sam.PutAsJsonAsync(url, second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replacedAgain.StatusCode);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(2, (await replacedAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var one = await sam.GetFromJsonAsync<JsonElement>(url);
        var supplier = one.GetProperty("supplier");
        Assert.Equal("SOW-001a", supplier.GetProperty("statementOfWorkReference").GetString());
        Assert.Equal(7_500.25m, supplier.GetProperty("statementOfWorkValue").GetDecimal());
        Assert.Equal("PO-778", supplier.GetProperty("contractReference").GetString());
        Assert.Equal(Day(90), supplier.GetProperty("endDate").GetString());
        Assert.Equal("pm-sam", supplier.GetProperty("recordedBy").GetString());
        Assert.Equal(0m, one.GetProperty("spent").GetDecimal());
        Assert.Equal(7_500.25m, one.GetProperty("remaining").GetDecimal());
        Assert.Equal(1, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/suppliers")).GetProperty("suppliers").GetArrayLength());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        var recorded = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "SupplierRecorded").ToList();
        Assert.Equal(2, recorded.Count);
        Assert.All(recorded, e => Assert.Equal("laptop-co", e.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Spend_naming_a_supplier_adds_up_against_its_statement_of_work_and_the_rest_against_none()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        await PutSupplierAsync(sam, projectId, "laptop-co", "Laptop Co", 10_000m);
        await PutSupplierAsync(sam, projectId, "cabling", "Cabling Ltd", 2_000m);
        var laptops = Spend("inv-1", 1_250.25m, "capital", "laptop-co");

        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", laptops)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", laptops)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", laptops with { SupplierId = "cabling" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", Spend("inv-2", 2_000m, "revenue", "laptop-co"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", Spend("inv-3", 2_500m, "capital", "cabling"))).StatusCode);
        var withoutSupplierId = new { entryId = "inv-4", date = Day(0), amount = 300m, kind = "revenue", supplier = "Cable Shop", description = "Patch leads" };
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", withoutSupplierId)).StatusCode);

        // Laptop Co: 1,250.25 + 2,000 = 3,250.25 of 10,000 (32.5%); Cabling Ltd: 2,500 of 2,000 (125%, 500 over); 300 against none.
        var list = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/suppliers");
        var suppliers = list.GetProperty("suppliers").EnumerateArray().ToList();
        Assert.Equal(["cabling", "laptop-co"], suppliers.Select(s => s.GetProperty("supplier").GetProperty("supplierId").GetString()!).ToArray());
        Assert.Equal([2_500m, -500m, 125.0m], Figures(suppliers[0]));
        Assert.Equal([3_250.25m, 6_749.75m, 32.5m], Figures(suppliers[1]));
        Assert.Equal(300m, list.GetProperty("notAgainstAnySupplier").GetDecimal());
        var one = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/suppliers/laptop-co");
        Assert.Equal(["inv-1", "inv-2"], one.GetProperty("spend").EnumerateArray().Select(e => e.GetProperty("entryId").GetString()!).ToArray());
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        Assert.Equal(6_050.25m, budget.GetProperty("actual").GetProperty("total").GetDecimal());
        Assert.Equal("laptop-co", budget.GetProperty("spend").EnumerateArray().Single(e => e.GetProperty("entryId").GetString() == "inv-1").GetProperty("supplierId").GetString());
    }

    [Fact]
    public async Task Spend_naming_a_supplier_the_project_does_not_have_is_refused_and_nothing_is_stored()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        await PutSupplierAsync(sam, projectId, "laptop-co", "Laptop Co", 10_000m);
        var otherProject = await app.ApprovedProjectAsync();
        await PutSupplierAsync(sam, otherProject, "elsewhere", "Elsewhere Ltd", 1_000m);

        using var unknown = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", Spend("inv-1", 100m, "capital", "nobody"));
        using var otherProjects = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", Spend("inv-2", 100m, "capital", "elsewhere"));
        using var malformed = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend", Spend("inv-3", -1m, "capital", "has spaces!"));

        Assert.Equal(["supplierId"], await ProblemFields.OfAsync(unknown));
        Assert.Equal(["supplierId"], await ProblemFields.OfAsync(otherProjects));
        Assert.Equal(["amount", "supplierId"], await ProblemFields.OfAsync(malformed));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget")).GetProperty("spend").GetArrayLength());
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "SpendRecorded");
    }

    [Fact]
    public async Task Spend_stored_before_suppliers_were_kept_still_reads_counts_against_none_and_a_retry_matches_it()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        // The stored shape of a spend entry before supplierId existed: no such property at all.
        var old = $$"""
            {"id":"spend~old-1","projectId":"{{projectId}}","type":"spend","entryId":"old-1","date":"{{Day(0)}}","amount":120.5,"kind":"Revenue",
             "supplier":"Old Supplier","description":"Before suppliers were kept","recordedBy":"pm-sam","recordedAt":"{{DateTimeOffset.UtcNow:O}}"}
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(old));
        using var stored = await app.App.Services.GetRequiredService<Database>().GetContainer(DataContainers.Projects).CreateItemStreamAsync(stream, new PartitionKey(projectId));
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);

        using var retry = await sam.PostAsJsonAsync($"/api/projects/{projectId}/spend",
            new { entryId = "old-1", date = Day(0), amount = 120.5m, kind = "revenue", supplier = "Old Supplier", description = "Before suppliers were kept" });

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var budget = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/budget");
        Assert.Equal(120.5m, budget.GetProperty("actual").GetProperty("revenue").GetDecimal());
        Assert.Equal(JsonValueKind.Null, budget.GetProperty("spend")[0].GetProperty("supplierId").ValueKind);
        Assert.Equal(120.5m, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/suppliers")).GetProperty("notAgainstAnySupplier").GetDecimal());
    }

    [Fact]
    public async Task Bad_suppliers_are_refused_naming_every_field_and_nothing_is_stored()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        var suppliers = $"/api/projects/{projectId}/suppliers";

        using var bad = await sam.PutAsJsonAsync($"{suppliers}/has%20space", new { name = "  ", statementOfWorkValue = 0m, startDate = Day(30), endDate = Day(10) });
        using var outOfBounds = await sam.PutAsJsonAsync($"{suppliers}/s1", new { name = "S", statementOfWorkReference = "SOW", statementOfWorkValue = 1_000_000_000.01m, startDate = "2000-01-01", endDate = "9999-12-31" });
        using var pence = await sam.PutAsJsonAsync($"{suppliers}/s1", new { name = new string('n', 201), statementOfWorkReference = "SOW", statementOfWorkValue = 10.001m, contractReference = new string('c', 201) });
        using var empty = await sam.PutAsync($"{suppliers}/s1", new StringContent(string.Empty));
        using var wrongType = await sam.PutAsync($"{suppliers}/s1", new StringContent("{\"name\":\"S\",\"statementOfWorkReference\":\"SOW\",\"statementOfWorkValue\":\"lots\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(["endDate", "name", "statementOfWorkReference", "statementOfWorkValue", "supplierId"], await ProblemFields.OfAsync(bad));
        Assert.Equal(["endDate", "startDate", "statementOfWorkValue"], await ProblemFields.OfAsync(outOfBounds));
        Assert.Equal(["contractReference", "name", "statementOfWorkValue"], await ProblemFields.OfAsync(pence));
        Assert.Equal(["name", "statementOfWorkReference", "statementOfWorkValue"], await ProblemFields.OfAsync(empty));
        Assert.Equal(["statementOfWorkValue"], await ProblemFields.OfAsync(wrongType));
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>(suppliers)).GetProperty("suppliers").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync($"{suppliers}/s1")).StatusCode);
        var audit = await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "SupplierRecorded");
    }

    [Fact]
    public async Task Only_the_project_manager_or_finance_records_suppliers_once_approved_and_whoever_sees_the_project_reads()
    {
        var projectId = await app.ApprovedProjectAsync();
        var (waiting, _) = await app.NewProjectAsync(9_000m);
        var supplier = new { name = "Laptop Co", statementOfWorkReference = "SOW-1", statementOfWorkValue = 5_000m };
        using var rita = app.As("rita");
        using var hana = app.As("head-hana");
        using var farah = app.As("fin-farah");
        using var ravi = app.As("ravi");

        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/laptop-co", supplier)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hana.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/laptop-co", supplier)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await farah.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/laptop-co", supplier)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await farah.PutAsJsonAsync($"/api/projects/{waiting}/suppliers/laptop-co", supplier)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/projects/{projectId}/suppliers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ravi.GetAsync($"/api/projects/{projectId}/suppliers/laptop-co")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await rita.GetAsync($"/api/projects/{projectId}/suppliers/nobody")).StatusCode);
        var seen = await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/suppliers");
        Assert.Equal("fin-farah", seen.GetProperty("suppliers")[0].GetProperty("supplier").GetProperty("recordedBy").GetString());
        Assert.Equal(1, (await rita.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit")).EnumerateArray().Count(e => e.GetProperty("action").GetString() == "SupplierRecorded"));
    }

    private static async Task PutSupplierAsync(HttpClient client, string projectId, string supplierId, string name, decimal value)
    {
        using var response = await client.PutAsJsonAsync($"/api/projects/{projectId}/suppliers/{supplierId}", new { name, statementOfWorkReference = $"SOW-{supplierId}", statementOfWorkValue = value });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static SpendSent Spend(string entryId, decimal amount, string kind, string supplierId) =>
        new(entryId, Day(0), amount, kind, "Named supplier", "Delivery work", supplierId);

    private static decimal[] Figures(JsonElement line) =>
        [line.GetProperty("spent").GetDecimal(), line.GetProperty("remaining").GetDecimal(), line.GetProperty("percentUsed").GetDecimal()];

    private static string Day(int daysFromToday) => DateTime.UtcNow.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A spend entry as a client sends it, naming a supplier by id.</summary>
    private sealed record SpendSent(string EntryId, string Date, decimal Amount, string Kind, string Supplier, string Description, string SupplierId);
}
