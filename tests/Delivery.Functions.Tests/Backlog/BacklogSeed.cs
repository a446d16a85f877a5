using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// Digital services written straight into the app's database (in delivery, Sam their delivery manager), so backlog
/// tests do not wait on a lifecycle; and CSV exports shaped like Jira's and Azure Boards' own.
/// </summary>
public static class BacklogSeed
{
    /// <summary>A new project of the category (a digital service unless said otherwise) in the stage, managed by Sam.</summary>
    public static async Task<string> ServiceAsync(ApprovalApp app, ProjectStage stage = ProjectStage.Delivery, ProjectCategory category = ProjectCategory.DigitalService)
    {
        ArgumentNullException.ThrowIfNull(app);
        var id = "prj-" + Guid.NewGuid().ToString("N")[..24];
        var project = new ProjectDocument
        {
            Id = id,
            ProjectId = id,
            Request = new ProjectRequest
            {
                Title = "Apply for a school place online " + id[^6..],
                Description = "A digital service for school admissions.",
                Category = category,
                Requester = new Person("Rory Ahmed", "rory.ahmed@example.gov.uk"),
                Sponsor = new Person("Hana Kowalski", "hana.kowalski@example.gov.uk"),
                EstimatedCost = new EstimatedCost(0m, 9000m),
                TargetStart = new DateOnly(2027, 1, 4),
                TargetEnd = new DateOnly(2027, 6, 30),
                Benefits = [new ExpectedBenefit("Digital take-up", "40%", "80%", new DateOnly(2027, 9, 1), "Head of Admissions")],
                Risks = [new InitialRisk("Low take-up", 3, 3)],
            },
            Stage = stage,
            WaitingFor = "Delivery",
            SubmittedBy = "someone-else",
            SubmittedAt = DateTimeOffset.UtcNow.AddMonths(-6),
            RequestHash = "seeded",
            ProjectManager = new Person("Sam Okafor", app.EmailOf("pm-sam")),
        };
        Assert.True(await app.App.Services.GetRequiredService<ProjectRepository>().TryCreateAsync(project, default));
        return id;
    }

    /// <summary>The response's JSON, read once (the content's stream cannot be read twice).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A 400 problem's field names (sorted) and the whole problem, read once.</summary>
    public static async Task<(List<string> Fields, JsonElement Problem)> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        return (problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList(), problem);
    }

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>A date as Jira's CSV export writes it (12/Mar/24 9:30 AM).</summary>
    public static string JiraDate(DateTimeOffset at) => at.UtcDateTime.ToString("dd/MMM/yy h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>A date as Azure Boards' CSV export writes it in en-US (3/12/2024 9:30:00 AM).</summary>
    public static string AzureDate(DateTimeOffset at) => at.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);

    public const string JiraHeader = "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Created,Updated,Resolved,Description,Custom field (Epic Link),Custom field (Acceptance Criteria),Sprint,Sprint,Fix Version/s,Custom field (Start date)";

    public const string AzureHeader = "ID,Work Item Type,Title,State,Area Path,Iteration Path,Created Date,Activated Date,Closed Date,Acceptance Criteria,Tags,Description,Parent";
}
