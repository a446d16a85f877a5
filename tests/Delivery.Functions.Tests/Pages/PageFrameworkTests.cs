using System.Text.RegularExpressions;
using Delivery.Functions.App.Pages;
using Delivery.Functions.App.Pages.Components;
using Delivery.Functions.Tests.Infrastructure;

namespace Delivery.Functions.Tests.Pages;

/// <summary>The page framework's promises: values are escaped, the layout names the person, and the components write GOV.UK's markup.</summary>
public sealed class PageFrameworkTests
{
    [Fact]
    public async Task Values_are_escaped_wherever_a_page_writes_them()
    {
        var html = await PageHtml.RenderAsync<MessagePage, PageMessage>(
            new PageMessage("<script>alert(1)</script>", "\"><img src=x onerror=alert(2)> £5 café"), personName: "<b>Eve</b>");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Eve", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("£5 café", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_layout_shows_who_is_signed_in_and_offers_sign_out_only_then()
    {
        var signedIn = await PageHtml.RenderAsync<MessagePage, PageMessage>(new("Hello", "x"), personName: "Lee Morgan");
        var signedOut = await PageHtml.RenderAsync<MessagePage, PageMessage>(new("Hello", "x"), personName: null);

        Assert.Contains("You are signed in as <strong>Lee Morgan</strong>", signedIn, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/sign-out\"", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain("signed in as", signedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/sign-out", signedOut, StringComparison.Ordinal);
        Assert.Contains("<title>Hello - Delivery</title>", signedIn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1, "1")]
    [InlineData(2, 3, "1 2 3")]
    [InlineData(1, 10, "1 2 … 10")]
    [InlineData(5, 10, "1 … 4 5 6 … 10")]
    [InlineData(10, 10, "1 … 9 10")]
    [InlineData(3, 10, "1 2 3 4 … 10")]
    public void Pagination_shows_the_ends_and_the_pages_either_side_of_the_current_one(int current, int count, string expected) =>
        Assert.Equal(expected, string.Join(' ', PageNumbers.Around(current, count).Select(n => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…")));

    [Fact]
    public async Task Pagination_marks_the_current_page_and_links_previous_and_next_with_the_pages_filters()
    {
        var html = await PageHtml.ComponentAsync<Pagination>(new()
        {
            [nameof(Pagination.Current)] = 2,
            [nameof(Pagination.PageCount)] = 3,
            [nameof(Pagination.Href)] = (Func<int, string>)(n => $"/api/portfolio?stage=Approval&page={n}"),
        });
        var single = await PageHtml.ComponentAsync<Pagination>(new()
        {
            [nameof(Pagination.Current)] = 1,
            [nameof(Pagination.PageCount)] = 1,
            [nameof(Pagination.Href)] = (Func<int, string>)(n => $"/x?page={n}"),
        });

        Assert.Contains("href=\"/api/portfolio?stage=Approval&amp;page=1\" rel=\"prev\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/portfolio?stage=Approval&amp;page=3\" rel=\"next\"", html, StringComparison.Ordinal);
        Assert.Matches("aria-label=\"Page 2\" aria-current=\"page\"", html);
        Assert.Single(Regex.Matches(html, "aria-current="));
        Assert.Equal(string.Empty, single.Trim());
    }

    [Fact]
    public async Task A_task_list_item_is_described_by_its_hint_and_status()
    {
        var html = await PageHtml.ComponentAsync<TaskList>(new()
        {
            [nameof(TaskList.Items)] = new List<TaskListItem>
            {
                new("Decide on Laptops", "/api/approvals/a1", "Due 4 January 2027", "Line manager approval", TagColour.Blue),
                new("Closure report", null, "Cannot start yet", CannotStartYet: true),
            },
        });

        Assert.Contains("href=\"/api/approvals/a1\" aria-describedby=\"task-list-1-hint task-list-1-status\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"task-list-1-status\"><strong class=\"govuk-tag\">Due 4 January 2027</strong>", html.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("  ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("govuk-task-list__status govuk-task-list__status--cannot-start-yet", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<a "));
    }

    [Theory]
    [InlineData(TagColour.Red, "govuk-tag govuk-tag--red")]
    [InlineData(TagColour.LightBlue, "govuk-tag govuk-tag--light-blue")]
    [InlineData(TagColour.Blue, "govuk-tag")]
    public async Task Tags_take_GOV_UK_colour_classes(TagColour colour, string classes)
    {
        var html = await PageHtml.ComponentAsync<Tag>(new() { [nameof(Tag.Text)] = "Red", [nameof(Tag.Colour)] = colour });

        Assert.Equal($"<strong class=\"{classes}\">Red</strong>", html.Trim());
    }
}
