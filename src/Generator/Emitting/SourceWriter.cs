using System;
using System.Text;

namespace Neuroslyn.Generator.Emitting;

/// <summary>Writes C# text with indentation; blocks open and close with <see cref="Block"/>.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and returns a scope that closes it.</summary>
    public IDisposable Block(string header, string closing = "}")
    {
        Line(header);
        Line("{");
        _indent++;
        return new Scope(this, closing);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope(SourceWriter writer, string closing) : IDisposable
    {
        public void Dispose()
        {
            writer._indent--;
            writer.Line(closing);
        }
    }
}
