using System.Text;

namespace Delivery.Benchmarks;

/// <summary>Prints as it goes and keeps the text, so the whole table can be saved at the end.</summary>
internal sealed class Report
{
    private readonly StringBuilder _text = new();

    public void Line(string line)
    {
        Console.WriteLine(line);
        _text.AppendLine(line);
    }

    public void Section(string title)
    {
        Line(string.Empty);
        Line(title);
    }

    public void Save(string path) => File.WriteAllText(path, _text.ToString());
}
