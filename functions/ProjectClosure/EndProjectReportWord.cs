using Delivery.Workflows.Closure;
using Delivery.Workflows.Notifications.Templates;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Delivery.Functions.ProjectClosure;

/// <summary>
/// The end project report as a Word document (.docx), with the same words as its HTML
/// (<see cref="EndProjectReportText"/>). Built for people who open it with assistive technology too: real heading
/// styles (so it has a navigable outline), tables whose first row is marked as the header row and repeats on every
/// page, the document's title and language set, and no layout done with empty paragraphs or tables.
/// </summary>
public static class EndProjectReportWord
{
    /// <summary>The width between A4's margins (twentieths of a point), shared out among a table's columns.</summary>
    private const int TextWidth = 11906 - (2 * 1134);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(EndProjectReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = $"End project report: {report.Title}";
            document.PackageProperties.Creator = "Digital and Customer Services";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            var body = new Body();
            body.Append(Paragraph("Digital and Customer Services"));
            body.Append(Paragraph($"End project report: {report.Title}", "Title"));
            body.Append(Paragraph($"Written {UkFormat.Date(report.ReportDate)}, from the project's own records."));
            body.Append(Paragraph("Objectives", "Heading1"), Paragraph(report.Objectives));
            body.Append(Paragraph("Summary", "Heading1"), Paragraph(report.Summary));
            body.Append(Paragraph("Baseline against outturn", "Heading1"));
            body.Append(Table(["Measure", "Baseline", "Outturn"], EndProjectReportText.Outturn(report).Select(r => new[] { r.Measure, r.Baseline, r.Outturn })));
            body.Append(Paragraph("Changes and exceptions", "Heading1"));
            body.Append(EndProjectReportText.ChangesAndExceptions(report).Select(l => Paragraph(l, "ListBullet")).ToArray());
            body.Append(Paragraph("Lessons", "Heading1"));
            body.Append(EndProjectReportText.Lessons(report).Select(l => Paragraph(l, "ListBullet")).ToArray());
            body.Append(Paragraph("Open risks and issues handed on", "Heading1"));
            body.Append(report.HandedOn.Count == 0
                ? Paragraph(EndProjectReportText.NothingHandedOn)
                : Table(["Ref", "Kind", "Title", "New owner"], report.HandedOn.Select(h => new[] { h.ItemId, h.Kind, h.Title, h.NewOwner })));
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134 }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Table Table(string[] headings, IEnumerable<string[]> rows)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "ReportTable" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableLook { Val = "0020" }),
            new TableGrid(headings.Select(_ => new GridColumn { Width = (TextWidth / headings.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray()));
        table.Append(new TableRow(headings.Select(h => (OpenXmlElement)Cell(h, bold: true)).Prepend(new TableRowProperties(new TableHeader()))));
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(c => Cell(c, bold: false)).ToArray()));
        }

        return table;
    }

    private static TableCell Cell(string text, bool bold)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        return new TableCell(new Paragraph(run));
    }

    /// <summary>The styles the document uses, defined in it so every word processor shows the same outline and look.</summary>
    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" },
                new FontSize { Val = "22" },
                new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(Heading("Title", "Title", outline: null, size: "48"));
        styles.Append(Heading("Heading1", "heading 1", outline: 0, size: "32"));
        styles.Append(new Style(
            new StyleName { Val = "List Bullet" },
            new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
        { Type = StyleValues.Paragraph, StyleId = "ListBullet" });
        styles.Append(new Style(
            new StyleName { Val = "Report Table" },
            new StyleTableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "B1B4B6" })))
        { Type = StyleValues.Table, StyleId = "ReportTable" });
        return styles;
    }

    private static Style Heading(string id, string name, int? outline, string size)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (outline is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = size }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
