using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Delivery.Functions.Tests.Approvals;
using Microsoft.Playwright;

namespace Delivery.Functions.Tests.Pages;

/// <summary>
/// The risk and milestone forms in a browser: the project manager adds a risk from the delivery controls with the
/// keyboard alone under the real content security policy, sees every error at once, saves it and is back on the
/// delivery page with a success banner and the risk in the RAID log; the forms, their errors and that page pass axe
/// and reflow at 320 px.
/// </summary>
public sealed class RiskFormPagesTests(ApprovalApp app, BrowserFixture browser) : IClassFixture<ApprovalApp>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_project_manager_adds_a_risk_with_the_keyboard_alone()
    {
        var projectId = await app.ApprovedProjectAsync();
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam");
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());

        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Add a risk'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/raid/R1/edit");
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Save the risk'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(
            [
                "Enter a title for the risk.", "Choose who owns the risk.", "Enter the cause: what could lead to the risk.", "Enter the event: what could happen.",
                "Enter the effect: what it would lead to.", "Choose the probability, from 1 (very low) to 5 (very high).", "Choose the impact, from 1 (very low) to 5 (very high).",
                "Choose when the risk could happen.", "Choose how the risk will be responded to.",
            ],
            (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());

        await TypeIntoAsync(page, "title", "Laptop supplier cannot meet dates");
        await TypeIntoAsync(page, "ownerId", "Farah");
        await TypeIntoAsync(page, "cause", "Only one framework supplier stocks the model");
        await TypeIntoAsync(page, "event", "Deliveries slip");
        await TypeIntoAsync(page, "effect", "Branches go live late");
        await ChooseAsync(page, "probability", "ArrowRight", 2);
        await ChooseAsync(page, "impact", "ArrowRight", 3);
        await ChooseAsync(page, "proximity", "ArrowDown", 1);
        await ChooseAsync(page, "response", "ArrowDown", 1);
        var due = DateTime.UtcNow.AddDays(30);
        await TypeIntoAsync(page, "actions-0-description", "Agree a second supplier");
        await TypeIntoAsync(page, "actions-0-actioneeId", "Sam");
        await TypeIntoAsync(page, "actions-0-due-day", due.Day.ToString(CultureInfo.InvariantCulture));
        await TypeIntoAsync(page, "actions-0-due-month", due.Month.ToString(CultureInfo.InvariantCulture));
        await TypeIntoAsync(page, "actions-0-due-year", due.Year.ToString(CultureInfo.InvariantCulture));
        await BrowserFixture.TabToAsync(page, "e.textContent.trim() === 'Save the risk'");
        await BrowserFixture.PressEnterAndWaitForAsync(page, $"**/api/projects/{projectId}/delivery?saved=risk-R1");

        Assert.Equal("Risk R1, Laptop supplier cannot meet dates, has been saved.", (await page.Locator(".govuk-notification-banner__heading").InnerTextAsync()).Trim());
        var row = page.GetByRole(AriaRole.Table, new() { Name = "Risks, assumptions, issues and dependencies" }).Locator("tr", new() { HasText = "R1" });
        Assert.Contains("Farah Ahmed", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("12", await row.InnerTextAsync(), StringComparison.Ordinal);
        using var admin = app.As("admin-ada");
        var risk = (await admin.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/raid"))[0];
        Assert.Equal("WithinStage", risk.GetProperty("proximity").GetString());
        Assert.Equal("Reduce", risk.GetProperty("response").GetString());
        Assert.Equal(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), risk.GetProperty("actions")[0].GetProperty("due").GetString());
        Assert.Equal("pm-sam", risk.GetProperty("actions")[0].GetProperty("actionee").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_forms_their_errors_and_the_delivery_page_pass_axe_and_reflow_and_only_those_who_may_record_see_the_links()
    {
        var projectId = await app.ApprovedProjectAsync();
        using var sam = app.As("pm-sam");
        Assert.Equal(HttpStatusCode.Created, (await sam.PutAsJsonAsync($"/api/projects/{projectId}/raid/R1", new
        {
            kind = "risk", title = "Supplier capacity", ownerId = "fin-farah", cause = "One supplier", @event = "Late deliveries", effect = "Go-live slips",
            probability = 4, impact = 4, proximity = "withinStage", response = "reduce",
            actions = new[] { new { actionId = "a1", description = "Find a second supplier", actioneeId = "pm-sam", due = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } },
        })).StatusCode);
        var page = await browser.NewPageAsync(app.App.BaseAddress, "pm-sam", bypassContentSecurityPolicy: true);

        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/raid/R1/edit").ToString());
        await BrowserFixture.CheckAsync(page, "risk-form");
        await page.FillAsync("#title", string.Empty);
        await page.FillAsync("#actions-0-due-day", "31");
        await page.FillAsync("#actions-0-due-month", "2");
        await page.ClickAsync("button:text('Save the risk')");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(["Enter a title for the risk.", "The date action 1 is due must be a real date, like 31 1 2027."], (await page.Locator(".govuk-error-summary__list a").AllInnerTextsAsync()).ToArray());
        await BrowserFixture.CheckAsync(page, "risk-form-errors");
        await page.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/milestones/m1/edit").ToString());
        await BrowserFixture.CheckAsync(page, "milestone-form");
        await page.FillAsync("#forecast-day", "12");
        await page.FillAsync("#forecast-month", "2");
        await page.FillAsync("#forecast-year", "2027");
        await page.ClickAsync("button:text('Save the dates')");
        await page.WaitForSelectorAsync(".govuk-notification-banner--success");
        await BrowserFixture.CheckAsync(page, "delivery-controls-after-saving");
        Assert.Equal(1, await Link(page, "Change risk R1").CountAsync());
        Assert.Equal(1, await Link(page, "Change the dates of Devices ordered").CountAsync());
        Assert.Equal(1, await Link(page, "Add a risk").CountAsync());

        // The risk's owner may review it, so she sees its Change link, but neither adds risks nor records milestones.
        var farah = await browser.NewPageAsync(app.App.BaseAddress, "fin-farah");
        await farah.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());
        Assert.Equal(1, await Link(farah, "Change risk R1").CountAsync());
        Assert.Equal(0, await Link(farah, "Add a risk").CountAsync());
        Assert.Equal(0, await Link(farah, "Change the dates of Devices ordered").CountAsync());
        var rita = await browser.NewPageAsync(app.App.BaseAddress, "rita");
        await rita.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/delivery").ToString());
        Assert.Equal(0, await rita.GetByRole(AriaRole.Link, new() { Name = "Change" }).CountAsync());
        var refused = await rita.GotoAsync(new Uri(app.App.BaseAddress, $"/api/projects/{projectId}/raid/R1/edit").ToString());
        Assert.Equal(403, refused!.Status);
    }

    /// <summary>The links whose accessible name (visible words and the words only a screen reader hears) is exactly this.</summary>
    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });


    private static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await BrowserFixture.TabToAsync(page, $"e.id === '{id}'");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs into a set of radios (onto the first) and moves along it with the arrow keys, which chooses.</summary>
    private static async Task ChooseAsync(IPage page, string name, string key, int presses)
    {
        await BrowserFixture.TabToAsync(page, $"e.name === '{name}'");
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < presses; i++)
        {
            await page.Keyboard.PressAsync(key);
        }
    }
}
