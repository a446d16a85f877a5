using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.SubmitProject;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Infrastructure;
using Delivery.Workflows.Projects;

namespace Delivery.Functions.Tests.Security;

/// <summary>An approval app with small body limits, so the corpus's size cases stay small.</summary>
public sealed class CorpusApp : ApprovalApp
{
    protected override bool UsesFakeClock => false;

    protected override void Customise(Dictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings["Intake:MaxRequestBytes"] = BadInputCorpus.MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Intake:MaxAttachmentBytes"] = (BadInputCorpus.MaxRequestBytes / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Input:MaxBodyBytes"] = BadInputCorpus.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Validation before storage, everywhere: every case of <see cref="BadInputCorpus"/> against every write route gets
/// the client error it deserves (never a 5xx), names the bad field, stores nothing and sends no email.
/// </summary>
public sealed class BadInputCorpusTests(CorpusApp app) : IClassFixture<CorpusApp>
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Every_bad_input_to_every_write_route_is_a_client_error_naming_its_field_and_changes_nothing()
    {
        // Arrange: a project waiting for its business case, with a partial draft, and one waiting for line-lee.
        var (project, _) = await app.NewProjectAsync(9_000m);
        using var rita = app.As("rita");
        var saved = await rita.PutAsJsonAsync($"/api/projects/{project}/business-case", new { strategic = new { caseForChange = "Old laptops" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var (pending, link) = await app.PendingForLeeAsync();
        var step = Uri.UnescapeDataString(link.Split('?')[0].Split('/')[^1]);
        var before = await SnapshotAsync(project, pending);
        var corpus = BadInputCorpus.All(_tag);
        Assert.True(corpus.Count >= 100, $"The corpus has only {corpus.Count} cases.");
        Assert.Equal(corpus.Count, corpus.Select(c => c.Name).Distinct().Count());

        // Act
        var wrong = new List<string>();
        var intakeKeys = new List<string>();
        foreach (var input in corpus)
        {
            using var client = app.As(input.Person);
            var path = input.Path.Replace("{project}", project, StringComparison.Ordinal)
                .Replace("{step}", Uri.EscapeDataString(step), StringComparison.Ordinal)
                .Replace("{link}", link, StringComparison.Ordinal);
            using var message = new HttpRequestMessage(new HttpMethod(input.Method), path) { Content = input.Content() };
            if (path == "/api/projects")
            {
                var key = $"corpus-{_tag}-{intakeKeys.Count}";
                intakeKeys.Add(key);
                message.Headers.Add(SubmitProjectEndpoint.IdempotencyHeader, key);
            }

            using var response = await client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != input.Status)
            {
                wrong.Add($"{input.Name}: {(int)response.StatusCode}, not {input.Status}: {Shorten(body)}");
            }
            else if (input.Field is not null && !NamesField(body, input.Field))
            {
                wrong.Add($"{input.Name}: does not name {input.Field}: {Shorten(body)}");
            }
            else if (input.Path != "{link}" && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{input.Name}: answered {response.Content.Headers.ContentType}, not problem details");
            }
        }

        // Assert: the right answer to each, and nothing stored, changed or sent.
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {corpus.Count} bad inputs were answered wrongly:\n" + string.Join("\n", wrong));
        var projects = app.App.Services.GetRequiredService<ProjectRepository>();
        foreach (var key in intakeKeys)
        {
            Assert.Null(await projects.GetAsync(ProjectIdentity.NewId("rita", key), CancellationToken.None));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await SnapshotAsync(project, pending);
        Assert.Equal(before, after);
        Assert.DoesNotContain(await AllEmailsAsync(), e => Mentions(e, _tag));
        using var lee = app.As("line-lee");
        var (page, _, _) = await ApprovalApp.OpenAsync(lee, link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>What a bad input could have changed: both projects, the draft, both audit trails and the emails about them.</summary>
    private async Task<string> SnapshotAsync(string project, string pending)
    {
        using var admin = app.As("admin-ada");
        using var rita = app.As("rita");
        var parts = new List<string>
        {
            (await app.ProjectAsync(project)).GetRawText(),
            (await app.ProjectAsync(pending)).GetRawText(),
            await rita.GetStringAsync($"/api/projects/{project}/business-case"),
            await admin.GetStringAsync($"/api/projects/{project}/audit"),
            await admin.GetStringAsync($"/api/projects/{pending}/audit"),
        };
        var emails = await AllEmailsAsync();
        parts.Add($"emails about the projects: {emails.Count(e => Mentions(e, project))}, {emails.Count(e => Mentions(e, pending))}");
        return string.Join("\n", parts);
    }

    private async Task<IReadOnlyList<ReceivedEmail>> AllEmailsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1080/") };
        return await http.GetFromJsonAsync<List<ReceivedEmail>>("api/email") ?? [];
    }

    private static bool Mentions(ReceivedEmail email, string text) =>
        email.Subject.Contains(text, StringComparison.Ordinal) || email.Text?.Contains(text, StringComparison.Ordinal) == true;

    private static bool NamesField(string body, string field)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
