using System.Net;
using System.Text;

namespace Delivery.Workflows.Notifications.Templates;

/// <summary>
/// The plain, GOV.UK-style shape every email shares: a heading, short paragraphs, optional key facts and a link.
/// Each email is built as both HTML and plain text from the same parts, so the two never say different things.
/// </summary>
public sealed class EmailLayout(string heading)
{
    private readonly List<(string Kind, string Text, string? Extra)> _parts = [];

    public EmailLayout Paragraph(string text)
    {
        _parts.Add(("p", text, null));
        return this;
    }

    public EmailLayout Fact(string label, string value)
    {
        _parts.Add(("fact", label, value));
        return this;
    }

    public EmailLayout Link(string text, Uri href)
    {
        _parts.Add(("link", text, href.ToString()));
        return this;
    }

    public string Html()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><body style=\"font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c;\">");
        html.Append("<h1 style=\"font-size: 32px;\">").Append(Encode(heading)).Append("</h1>");
        var inFacts = false;
        foreach (var (kind, text, extra) in _parts)
        {
            if (kind == "fact" && !inFacts)
            {
                html.Append("<table role=\"presentation\">");
                inFacts = true;
            }
            else if (kind != "fact" && inFacts)
            {
                html.Append("</table>");
                inFacts = false;
            }

            html.Append(kind switch
            {
                "p" => $"<p>{Encode(text)}</p>",
                "fact" => $"<tr><th scope=\"row\" style=\"text-align: left; padding-right: 20px;\">{Encode(text)}</th><td>{Encode(extra!)}</td></tr>",
                _ => $"<p><a href=\"{Encode(extra!)}\" style=\"color: #1d70b8;\">{Encode(text)}</a></p>",
            });
        }

        if (inFacts)
        {
            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    public string Text()
    {
        var text = new StringBuilder().Append(heading).Append("\n\n");
        foreach (var (kind, part, extra) in _parts)
        {
            text.Append(kind switch
            {
                "p" => $"{part}\n\n",
                "fact" => $"{part}: {extra}\n",
                _ => $"{part}: {extra}\n\n",
            });
        }

        return text.ToString().TrimEnd() + "\n";
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
