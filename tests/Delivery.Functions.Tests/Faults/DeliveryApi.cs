using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Faults;

/// <summary>
/// The journey's HTTP calls against an app at a base address (an in-process app or a child process, before or after
/// a restart), signed in through the dev sign-in header, and the approver's emailed links.
/// </summary>
public sealed partial class DeliveryApi(Uri baseAddress)
{
    public HttpClient As(string personId)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Dev-User", personId);
        return client;
    }

    /// <summary>Submits the request as rita; returns the project id from the Location header.</summary>
    public async Task<string> SubmitProjectAsync(ProjectRequestBuilder request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var rita = As("rita");
        using var response = await rita.PostAsync("/api/projects", request.ToJsonContent());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.ToString().Split('/')[^1];
    }

    /// <summary>Saves a complete business case with the given total and submits it, as rita.</summary>
    public async Task SubmitCaseAsync(string projectId, decimal total)
    {
        using var rita = As("rita");
        using var put = await rita.PutAsJsonAsync($"/api/projects/{projectId}/business-case", BusinessCaseBuilder.Complete(total));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var submit = await rita.PostAsync($"/api/projects/{projectId}/business-case/submit", null);
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
    }

    /// <summary>Approves a step through the JSON API as the approver.</summary>
    public async Task ApproveAsync(string approverId, string stepId)
    {
        using var approver = As(approverId);
        using var response = await approver.PostAsJsonAsync($"/api/approvals/{Uri.EscapeDataString(stepId)}/decision", new { decision = "approve" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Decision on {stepId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<string?> StageOfAsync(string projectId)
    {
        using var admin = As("admin-ada");
        var project = await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}");
        return project.GetProperty("stage").GetString();
    }

    /// <summary>Polls the project until it is in the stage, or fails when the time is up.</summary>
    public async Task WaitForStageAsync(string projectId, string stage, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? current;
        while ((current = await StageOfAsync(projectId)) != stage)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Project {projectId} is in {current}, not {stage}, after {timeout}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the "Approval needed" email about the project and returns the step id from its link.</summary>
    public static async Task<string> StepIdFromEmailAsync(MaildevInbox inbox, string approverEmail, string projectId, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        bool Matches(ReceivedEmail e) =>
            e.Subject.StartsWith("Approval needed", StringComparison.Ordinal) && e.Text?.Contains(projectId, StringComparison.Ordinal) == true;
        var emails = await inbox.WaitForAsync(approverEmail, Matches, timeout);
        var request = emails.FirstOrDefault(Matches);
        Assert.True(request is not null, $"No approval request to {approverEmail} for {projectId} within {timeout}.");
        return Uri.UnescapeDataString(LinkPattern().Match(request.Text!).Groups["id"].Value);
    }

    [GeneratedRegex(@"/api/approvals/(?<id>[^?\s/]+)\?token=")]
    private static partial Regex LinkPattern();
}
