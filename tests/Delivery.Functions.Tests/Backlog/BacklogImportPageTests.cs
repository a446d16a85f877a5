using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Delivery.Functions.Tests.Approvals;
using Delivery.Functions.Tests.Pages;
using Delivery.Workflows.Storage;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Backlog;

/// <summary>
/// The import page, with the keyboard except for choosing the file: from the backlog page, sending nothing names
/// the source and the file; a Jira export with a bad row shows the row's problem and offers no import (nothing
/// stored); the corrected file, with a column left out by choice, imports once, is audited once, and its kept copy
/// is removed. Every step passes axe and reflows at 320 px; someone who may not record the backlog is refused.
/// </summary>
public sealed class BacklogImportPageTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_delivery_manager_checks_a_Jira_export_sees_the_bad_row_then_imports_the_corrected_file_with_a_column_left_out()
    {
        var id = await BacklogSeed.ServiceAsync(app);
        var good = BacklogImportHttpTests.JiraExport();
        var bad = good.Replace("Selected for Development", "Parked", StringComparison.Ordinal);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);
        var pagePath = $"/api/projects/{id}/backlog-import/page";
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{id}/backlog/page").ToString());
        await BrowserFixture.TabToAsync(page, "e.textContent.startsWith('import the backlog')");
        await BrowserFixture.PressEnterAndWaitForAsync(page, "**" + pagePath);

        // Nothing chosen: both fields named.
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Check the file'");
        Assert.Equal(400, await PressEnterAsync(page, pagePath));
        Assert.Equal(["Select where the export comes from", "Select a CSV export to upload"], (await page.Locator(".govuk-error-summary__list li").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());
        await BrowserFixture.CheckAsync(page, "backlog-import-errors");

        // The export with a bad row: its problem shown, no import offered, nothing stored.
        await BrowserFixture.TabToAsync(page, "e.id === 'source'");
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "jira-bad.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(bad) });
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Check the file'");
        Assert.Equal(200, await PressEnterAsync(page, pagePath));
        Assert.Contains("Status \"Parked\"", await page.Locator("table:has(caption:text('Problems by row')) tbody tr:has(th:text-is('row 5'))").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("button[value=import]").CountAsync());
        Assert.Equal("Issue key", await page.Locator("select[name='map.key']").InputValueAsync());
        await BrowserFixture.CheckAsync(page, "backlog-import-problems");
        using var sam = app.As("pm-sam");
        Assert.Equal(0, (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).GetArrayLength());

        // The corrected file, the release left out: five items, once.
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Upload a different file'");
        Assert.Equal(200, await PressEnterAsync(page, pagePath, "GET"));
        await BrowserFixture.TabToAsync(page, "e.id === 'source'");
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "jira.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(good) });
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Check the file'");
        Assert.Equal(200, await PressEnterAsync(page, pagePath));
        await BrowserFixture.TabToAsync(page, "e.id === 'map.release'");
        await page.Locator("select[name='map.release']").SelectOptionAsync(string.Empty);
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Check again'");
        Assert.Equal(200, await PressEnterAsync(page, pagePath));
        Assert.Equal(string.Empty, await page.Locator("select[name='map.release']").InputValueAsync());
        Assert.Contains("No problems found: 5 items can be imported", await page.Locator(".govuk-inset-text").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "backlog-import-preview");
        await BrowserFixture.TabToAsync(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Import 5 items'");
        Assert.Equal(200, await PressEnterAsync(page, pagePath));
        Assert.Equal("Backlog imported", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("5 items added from 5 rows", await page.Locator(".govuk-panel__body").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.CheckAsync(page, "backlog-import-done");

        var backlog = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/backlog")).EnumerateArray().ToList();
        Assert.Equal(5, backlog.Count);
        Assert.All(backlog, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("release").ValueKind));
        var audit = (await sam.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/audit")).EnumerateArray();
        Assert.Single(audit, e => e.GetProperty("action").GetString() == "BacklogImported");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(good)));
        var kept = app.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobContainers.Documents).GetBlobClient($"backlog-import/{id}/{sha}.csv");
        Assert.False((await kept.ExistsAsync()).Value);

        var farah = await browser.NewPageAsync(app.App.BaseAddress, "fin-farah");
        Assert.Equal(403, (await farah.GotoAsync(new Uri(app.App.BaseAddress, pagePath).ToString()))!.Status);
    }

    /// <summary>
    /// Presses Enter on the focused button or link and returns the status of the page it opens, once that page has
    /// loaded: the address stays the same (a form's POST, or the link's GET), so the old page is marked to tell them apart.
    /// </summary>
    private static async Task<int> PressEnterAsync(IPage page, string path, string method = "POST")
    {
        await page.EvaluateAsync("() => { window.beforeEnter = true; }");
        var answered = page.WaitForResponseAsync(r => r.Url.EndsWith(path, StringComparison.Ordinal) && r.Request.Method == method);
        await page.Keyboard.PressAsync("Enter");
        var status = (await answered).Status;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => window.beforeEnter !== true && document.readyState === 'complete'"))
                {
                    return status;
                }
            }
            catch (PlaywrightException)
            {
                // The old page went away while being asked: ask the new one.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the page answering {method} {path} did not load");
        return status;
    }
}
