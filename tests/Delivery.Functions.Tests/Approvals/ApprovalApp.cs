using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.ApprovalPage;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Approvals;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace Delivery.Functions.Tests.Approvals;

/// <summary>
/// An app of its own for approval tests: approvers with addresses unique to this app (so maildev holds only its
/// emails for them), workflows in memory, a fake clock for link expiry, its own database.
/// </summary>
public partial class ApprovalApp : IAsyncLifetime
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly string _database = "test-" + Guid.NewGuid().ToString("N")[..12];

    public static readonly string[] Approvers = ["line-lee", "head-hana", "fin-farah", "board-ben", "pm-sam"];

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RunningApp App { get; private set; } = null!;

    public MaildevInbox Inbox { get; } = new();

    public string EmailOf(string approverId) => $"{approverId}.{_tag}@example.gov.uk";

    public async Task InitializeAsync()
    {
        var settings = TestSettings.Local(_database);
        for (var i = 0; i < Approvers.Length; i++)
        {
            settings[$"Approvals:People:{i}:Email"] = EmailOf(Approvers[i]);
        }

        // A second project manager, whom a final approver can choose instead of the default.
        settings[$"Approvals:People:{Approvers.Length}:Id"] = "pm-jo";
        settings[$"Approvals:People:{Approvers.Length}:Name"] = "Jo Evans";
        settings[$"Approvals:People:{Approvers.Length}:Email"] = EmailOf("pm-jo");
        settings[$"Approvals:People:{Approvers.Length}:Roles"] = "ProjectManager";
        Customise(settings);
        App = await RunningApp.StartAsync(settings, configure: b =>
        {
            // Only link expiry runs on the fake clock: the whole app on it would also age anti-forgery and
            // data-protection keys, which are shared with other apps on this machine.
            if (UsesFakeClock)
            {
                b.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ApprovalDecisionService>(sp, (TimeProvider)Clock));
                b.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PageServices>(sp, (TimeProvider)Clock));
            }
        });
    }

    /// <summary>Whether decisions check link expiry against <see cref="Clock"/> (true) or real time.</summary>
    protected virtual bool UsesFakeClock => true;

    /// <summary>Lets a subclass change settings before the app starts.</summary>
    protected virtual void Customise(Dictionary<string, string?> settings)
    {
    }

    public virtual async Task DisposeAsync()
    {
        // Stop the app (and its workflow worker) before its database goes, so nothing in flight meets a 404; dispose
        // it only afterwards, since its CosmosClient is the one that deletes the database.
        await App.App.StopAsync();
        await App.Services.GetRequiredService<Database>().DeleteAsync();
        await App.DisposeAsync();
        Inbox.Dispose();
    }

    /// <summary>A client signed in as a seeded person, keeping cookies (the anti-forgery cookie) between requests.</summary>
    public HttpClient As(string personId)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Dev-User", personId);
        return client;
    }

    /// <summary>Submits a request as rita and waits until the lifecycle asks for its business case.</summary>
    public async Task<(string ProjectId, ProjectRequestBuilder Request)> NewProjectAsync(decimal capital, string? title = null, Func<ProjectRequestBuilder, ProjectRequestBuilder>? shape = null)
    {
        var request = new ProjectRequestBuilder().With("estimatedCost.capital", capital).With("estimatedCost.revenue", 0);
        request = shape is null ? request : shape(request);
        request = title is null ? request : request.With("title", title);
        using var rita = As("rita");
        var response = await rita.PostAsync("/api/projects", request.ToJsonContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var projectId = response.Headers.Location!.ToString().Split('/')[^1];
        await StageAsync(projectId, "BusinessCase");
        return (projectId, request);
    }

    public async Task<JsonElement> ProjectAsync(string projectId)
    {
        using var admin = As("admin-ada");
        return await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}");
    }

    public async Task StageAsync(string projectId, string stage)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ProjectAsync(projectId)).GetProperty("stage").GetString() != stage)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Project {projectId} did not reach {stage}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the project says it waits for something starting with the given words.</summary>
    public async Task WaitingForAsync(string projectId, string waitingFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ProjectAsync(projectId)).GetProperty("waitingFor").GetString()?.StartsWith(waitingFor, StringComparison.Ordinal) != true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Project {projectId} never waited for \"{waitingFor}\".");
            await Task.Delay(50);
        }
    }

    /// <summary>Saves a complete business case with the given total and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitCaseAsync(string projectId, decimal total, string path = "submit")
    {
        using var rita = As("rita");
        var put = await rita.PutAsJsonAsync($"/api/projects/{projectId}/business-case", BusinessCaseBuilder.Complete(total));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return await rita.PostAsync($"/api/projects/{projectId}/business-case/{path}", null);
    }

    /// <summary>A new project whose business case waits for Lee (a small one: his decision settles it), and his link.</summary>
    public async Task<(string ProjectId, string Link)> PendingForLeeAsync(string? title = null, Func<ProjectRequestBuilder, ProjectRequestBuilder>? shape = null)
    {
        var (projectId, _) = await NewProjectAsync(9_000m, title, shape);
        await SubmitCaseAsync(projectId, 9_000m);
        return (projectId, await LinkAsync("line-lee", projectId));
    }

    /// <summary>A £9,000 project Lee approves as its only approver; Sam becomes its project manager.</summary>
    public async Task<string> ApprovedProjectAsync(string? title = null, Func<ProjectRequestBuilder, ProjectRequestBuilder>? shape = null)
    {
        var (projectId, link) = await PendingForLeeAsync(title, shape);
        var stepId = Uri.UnescapeDataString(new Uri(new Uri("http://x"), link).AbsolutePath.Split('/')[^1]);
        using var lee = As("line-lee");
        Assert.True((await lee.PostAsJsonAsync($"/api/approvals/{stepId}/decision", new { decision = "approve" })).IsSuccessStatusCode);
        await StageAsync(projectId, "Initiation");
        return projectId;
    }

    /// <summary>The decision link (path and query) emailed to an approver for this project.</summary>
    public Task<string> LinkAsync(string approverId, string projectId, int count = 1) => LinkToAsync(EmailOf(approverId), projectId, count);

    /// <summary>The decision link emailed to an address (the sponsor's, shared by every app) for this project.</summary>
    public async Task<string> LinkToAsync(string address, string projectId, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var emails = (await Inbox.ToAsync(address)).Where(e => e.Text?.Contains(projectId, StringComparison.Ordinal) == true && e.Subject.StartsWith("Approval needed", StringComparison.Ordinal)).ToList();
            if (emails.Count >= count)
            {
                var url = new Uri(LinkPattern().Match(emails[count - 1].Text!).Value);
                return url.PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No approval email to {address} for {projectId}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens the decision page and returns the anti-forgery field from its form.</summary>
    public static async Task<(HttpResponseMessage Page, string Html, string Antiforgery)> OpenAsync(HttpClient client, string link)
    {
        var page = await client.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryPattern().Match(html).Groups[1].Value;
        return (page, html, WebUtility.HtmlDecode(token));
    }

    public static FormUrlEncodedContent Form(string antiforgery, string decision, string? comment = null) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery,
        ["decision"] = decision,
        ["comment"] = comment ?? string.Empty,
    });

    [GeneratedRegex(@"http://localhost:7071/api/approvals/\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
