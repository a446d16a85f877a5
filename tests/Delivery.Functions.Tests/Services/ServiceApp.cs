using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Services;

/// <summary>
/// The test app for digital services: Hana (who can sign in) is every project's sponsor, an assessment lead and three
/// assessors are in the directory (Dina, an assessor, also works in the services' teams), and only Alpha needs a met
/// assessment before moving on, so a journey to Live takes two assessments.
/// </summary>
public class ServiceApp : ApprovalApp
{
    public static readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override void Customise(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Approvals:People:1:Email"] = ProjectRequestBuilder.SponsorAddress;
        (string Id, string Name, string Roles)[] assessors =
        [
            ("lead-lola", "Lola Adeyemi", "AssessmentLead"),
            ("assessor-ash", "Ash Kumar", "Assessor"),
            ("assessor-kim", "Kim Lee", "Assessor"),
            ("dev-dina", "Dina Novak", "Assessor"),
        ];
        for (var i = 0; i < assessors.Length; i++)
        {
            settings[$"Approvals:People:{10 + i}:Id"] = assessors[i].Id;
            settings[$"Approvals:People:{10 + i}:Name"] = assessors[i].Name;
            settings[$"Approvals:People:{10 + i}:Email"] = EmailOf(assessors[i].Id);
            settings[$"Approvals:People:{10 + i}:Roles"] = assessors[i].Roles;
        }

        settings["Services:AssessedPhases"] = "Alpha";
    }

    /// <summary>An approved £9,000 digital service whose delivery manager (Sam) has started Discovery with Dina in the team.</summary>
    public async Task<string> DigitalServiceAsync()
    {
        var projectId = await ApprovedProjectAsync(shape: r => r.With("category", "digital-service"));
        using var sam = As("pm-sam");
        using var started = await sam.PutAsJsonAsync($"/api/projects/{projectId}/service", Plan(null, "Find out what residents need to report a missed bin"));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return projectId;
    }

    /// <summary>A phase's plan: goals, a team of Sam and Dina, £40,000, from today for eight weeks.</summary>
    public static object Plan(string? to, string goals) => new
    {
        to,
        goals,
        teamIds = new[] { "pm-sam", "dev-dina" },
        budget = 40_000m,
        start = Today,
        plannedEnd = DateTime.UtcNow.AddDays(56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public async Task<JsonElement> ServiceAsync(string projectId)
    {
        using var admin = As("admin-ada");
        return (await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/service")).GetProperty("service");
    }

    /// <summary>Waits until the service's orchestration has moved it into the phase.</summary>
    public async Task PhaseAsync(string projectId, string phase)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var service = await ServiceAsync(projectId);
            if (service.GetProperty("phase").GetString() == phase)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The service {projectId} did not reach {phase}: {service}");
            await Task.Delay(100);
        }
    }

    /// <summary>The sponsor's decision on the service's gate, from the link in her latest approval email for the project.</summary>
    public async Task DecideAsync(string projectId, string decision, int count)
    {
        var link = await LinkToAsync(ProjectRequestBuilder.SponsorAddress, projectId, count);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        Assert.Contains("phase-", stepId, StringComparison.Ordinal);
        using var hana = As("head-hana");
        using var response = await hana.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision, comment = "Decided on Discovery's findings" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// An assessment from request to outcome: Sam asks, Lola assigns Ash (lead) and Kim, Dina records the team's
    /// self-assessment, Ash records each point (the given ones not met) and the outcome, with the conditions given.
    /// </summary>
    public async Task<JsonElement> AssessAsync(string projectId, string assessmentId, int[] notMet, string? reassessmentOf = null, object[]? conditions = null)
    {
        using var sam = As("pm-sam");
        using var asked = await sam.PutAsJsonAsync($"/api/projects/{projectId}/assessments/{assessmentId}", new
        {
            kind = "internal",
            preferredDates = new[] { DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            documents = new[] { new { title = "Alpha findings", url = "https://example.gov.uk/alpha-findings" } },
            reassessmentOf,
        });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var points = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").EnumerateArray().Select(p => p.GetInt32()).ToArray();
        using var lola = As("lead-lola");
        using var panel = await lola.PutAsJsonAsync($"/api/projects/{projectId}/assessments/{assessmentId}/panel", new { leadAssessorId = "assessor-ash", assessorIds = new[] { "assessor-kim" } });
        Assert.Equal(HttpStatusCode.OK, panel.StatusCode);
        using var dina = As("dev-dina");
        using var self = await dina.PutAsJsonAsync($"/api/projects/{projectId}/assessments/{assessmentId}/self-assessment", new
        {
            points = points.Select(p => new { point = p, summary = $"What we did for point {p}" }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        using var ash = As("assessor-ash");
        using var outcome = await ash.PutAsJsonAsync($"/api/projects/{projectId}/assessments/{assessmentId}/outcome", new
        {
            results = points.Select(p => new { point = p, met = !notMet.Contains(p), reasons = $"The panel's reasons on point {p}", recommendations = "Keep testing with users" }).ToArray(),
            outcome = notMet.Length == 0 ? "met" : "notMet",
            conditions = conditions ?? [],
        });
        Assert.True(outcome.StatusCode == HttpStatusCode.OK, await outcome.Content.ReadAsStringAsync());
        return await outcome.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<List<string>> AuditActionsAsync(string projectId)
    {
        using var admin = As("admin-ada");
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/audit");
        return audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();
    }
}
