using System.Net;
using System.Text;

namespace Delivery.Functions.App.Pages;

/// <summary>
/// The GOV.UK Frontend page template, server-rendered: skip link, service navigation, main content and footer,
/// with the stylesheet served by the app. Works without JavaScript.
/// </summary>
public static class GovUkPage
{
    public const string ServiceName = "Delivery: project approvals";

    public static string Render(string title, string mainHtml, bool hasErrors = false)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\">");
        html.Append("<title>").Append(hasErrors ? "Error: " : string.Empty).Append(Encode(title)).Append(" - ").Append(Encode(ServiceName)).Append("</title>");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">");
        html.Append("<meta name=\"theme-color\" content=\"#1d70b8\">");
        html.Append("<link rel=\"icon\" sizes=\"48x48\" href=\"/api/assets/images/favicon.ico\">");
        html.Append("<link rel=\"stylesheet\" href=\"/api/assets/govuk-frontend.min.css\"></head>");
        html.Append("<body class=\"govuk-template__body\">");
        html.Append("<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>");
        html.Append("<header class=\"govuk-template__header\"><section aria-label=\"Service information\" class=\"govuk-service-navigation\"><div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">");
        html.Append("<span class=\"govuk-service-navigation__service-name\"><span class=\"govuk-service-navigation__text\">").Append(Encode(ServiceName)).Append("</span></span>");
        html.Append("</div></div></section></header>");
        html.Append("<div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">");
        html.Append(mainHtml);
        html.Append("</main></div>");
        html.Append("<footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div class=\"govuk-footer__meta\"><div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\">");
        html.Append("<p class=\"govuk-body-s\">Digital and Customer Services</p></div></div></div></footer>");
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>A page with only a heading and a message: not found, not allowed, link expired, already decided.</summary>
    public static string Message(string heading, string message) =>
        Render(heading, $"<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\"><h1 class=\"govuk-heading-l\">{Encode(heading)}</h1><p class=\"govuk-body\">{Encode(message)}</p></div></div>");

    public static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
}
