using System.IO.Compression;
using System.Text;
using Delivery.Functions.App.DataProtection;

namespace Delivery.Functions.Tests.DataProtection;

/// <summary>
/// How a person is recognised and replaced in text: the address in any case anywhere, a sign-in id only as a whole
/// value, a name only as whole words; retention's stray addresses; and files: text rewritten, Word parts rewritten,
/// anything else only found and left for a person to review.
/// </summary>
public sealed class PeopleMatcherTests
{
    private static readonly PersonalDataSubject Sam = new("Sam.Lee@example.gov.uk", ["sam"], ["Sam Lee", "Al"], new Pseudonym("0123456789"));

    [Theory]
    [InlineData("sam", "anonymised-0123456789")]
    [InlineData("SAM", "anonymised-0123456789")]
    [InlineData("Ask sam about it", "Ask sam about it")]
    [InlineData("tasks~sam", "tasks~sam")]
    [InlineData("Agreed by Sam Lee today", "Agreed by Person 0123456789 today")]
    [InlineData("agreed by SAM LEE, then", "agreed by Person 0123456789, then")]
    [InlineData("Sam Leeds signed it", "Sam Leeds signed it")]
    [InlineData("Al and Alan", "Al and Alan")]
    [InlineData("key:receipt:sam.lee@example.gov.uk", "key:receipt:person-0123456789@anonymised.invalid")]
    [InlineData("Sam Lee <SAM.LEE@EXAMPLE.GOV.UK>", "Person 0123456789 <person-0123456789@anonymised.invalid>")]
    public void A_person_is_replaced_only_where_they_are_meant(string text, string expected)
    {
        var people = new PeopleMatcher([Sam]);
        Assert.Equal(expected != text, people.Mentioned(text));
        Assert.Equal(expected, people.Replace(text));
    }

    [Fact]
    public void Retention_also_replaces_any_other_address_by_its_own_pseudonym_and_leaves_pseudonyms_alone()
    {
        var people = new PeopleMatcher([Sam], address => new Pseudonym(address.Length.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("Copy person-0000000013@anonymised.invalid and person-0123456789@anonymised.invalid", people.Replace("Copy jo@council.uk and sam.lee@example.gov.uk"));
        Assert.False(people.Mentioned("Sent to person-0123456789@anonymised.invalid"));
    }

    [Fact]
    public void Files_are_rewritten_as_text_or_part_by_part_and_others_are_only_found()
    {
        var people = new PeopleMatcher([Sam]);
        var (found, html, rewritable) = PersonalDataFiles.Rewrite("p/report.html", Encoding.UTF8.GetBytes("<p>Sam Lee</p>"), people);
        Assert.Equal((true, "<p>Person 0123456789</p>", true), (found, Encoding.UTF8.GetString(html!), rewritable));

        var (wordFound, word, _) = PersonalDataFiles.Rewrite("p/report.docx", Zip("word/document.xml", "<w:t>Owner: Sam Lee</w:t>"), people);
        Assert.True(wordFound);
        using (var zip = new ZipArchive(new MemoryStream(word!)))
        using (var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open()))
        {
            Assert.Equal("<w:t>Owner: Person 0123456789</w:t>", reader.ReadToEnd());
        }

        Assert.Equal((true, null, false), PersonalDataFiles.Rewrite("p/1-upload", Encoding.UTF8.GetBytes("%PDF ... Sam.Lee@example.gov.uk ..."), people));
        Assert.Equal((false, null, false), PersonalDataFiles.Rewrite("p/2-upload", Encoding.UTF8.GetBytes("%PDF ... nobody ..."), people));
        Assert.Equal((false, null, true), PersonalDataFiles.Rewrite("p/case.json", Encoding.UTF8.GetBytes("{\"by\":\"Jo\"}"), people));
    }

    private static byte[] Zip(string name, string content)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry(name).Open()))
        {
            writer.Write(content);
        }

        return stream.ToArray();
    }
}
