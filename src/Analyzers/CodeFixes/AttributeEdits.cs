using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Neuroslyn.Generator.Parsing;

namespace Neuroslyn.CodeFixes;

/// <summary>
/// Text edits of Neuroslyn attributes that keep the user's layout and naming: an enum value written
/// <c>Activation.Sigmoid</c> becomes <c>Activation.ReLU</c>, one written <c>Sigmoid</c> (using static) becomes
/// <c>ReLU</c>; a new attribute goes on its own line with the same indentation; names are qualified the way the
/// attribute itself is (<c>[Neuroslyn.Dense]</c> gets <c>Neuroslyn.Activation.ReLU</c>).
/// </summary>
internal sealed class AttributeEdits
{
    private readonly SourceText _text;
    private readonly List<TextChange> _changes = [];

    public AttributeEdits(SourceText text) => _text = text;

    public SourceText Apply()
        => _text.WithChanges(_changes.OrderBy(change => change.Span.Start).ThenBy(change => change.Span.Length));

    /// <summary>Sets the activation of a layer, at the argument position its kind keeps it (Dense: second, BatchNorm: first).</summary>
    public void SetActivation(AttributeSyntax attribute, string member)
    {
        int position = LayerKinds.ForSyntaxName(SimpleName(attribute))?.ActivationArgument ?? 0;
        AttributeArgumentSyntax? existing = Arguments(attribute).FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "activation")
            ?? Positional(attribute).ElementAtOrDefault(position);
        string qualified = Qualifier(attribute) + "Activation." + member;
        if (existing is not null)
        {
            SetEnumValue(existing.Expression, qualified, member);
            return;
        }

        InsertPositional(attribute, position, qualified);
    }

    /// <summary>Replaces the value of an enum-typed argument, keeping how the enum is named.</summary>
    public void SetEnumValue(ExpressionSyntax value, string qualified, string member)
    {
        switch (value)
        {
            case MemberAccessExpressionSyntax access:
                Replace(access.Name.Span, member);
                break;
            case IdentifierNameSyntax:
                Replace(value.Span, member);
                break;
            default:
                Replace(value.Span, qualified);
                break;
        }
    }

    public void Replace(TextSpan span, string text) => _changes.Add(new TextChange(span, text));

    /// <summary>Sets a named argument (<c>ClipNorm = 1f</c>), adding it after the others when it is absent.</summary>
    public void SetNamed(AttributeSyntax attribute, string name, string value)
    {
        AttributeArgumentSyntax? existing = Named(attribute, name);
        if (existing is not null)
        {
            Replace(existing.Expression.Span, value);
            return;
        }

        string argument = $"{name} = {value}";
        if (attribute.ArgumentList is null)
        {
            Insert(attribute.Name.Span.End, $"({argument})");
        }
        else if (attribute.ArgumentList.Arguments.Count == 0)
        {
            Insert(attribute.ArgumentList.OpenParenToken.Span.End, argument);
        }
        else
        {
            Insert(attribute.ArgumentList.Arguments.Last().Span.End, ", " + argument);
        }
    }

    /// <summary>Removes a named argument and its separator, if present.</summary>
    public void RemoveNamed(AttributeSyntax attribute, string name)
    {
        AttributeArgumentSyntax? argument = Named(attribute, name);
        if (argument is null || attribute.ArgumentList is null)
        {
            return;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList.Arguments;
        int index = arguments.IndexOf(argument);
        if (index > 0)
        {
            Replace(TextSpan.FromBounds(arguments.GetSeparator(index - 1).SpanStart, argument.Span.End), string.Empty);
        }
        else if (arguments.Count > 1)
        {
            Replace(TextSpan.FromBounds(argument.SpanStart, arguments[1].SpanStart), string.Empty);
        }
        else
        {
            Replace(attribute.ArgumentList.Span, string.Empty);
        }
    }

    /// <summary>Removes an attribute: its line when it stands alone in its list on its own line.</summary>
    public void Remove(AttributeSyntax attribute)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        if (list.Attributes.Count == 1)
        {
            Replace(AloneOnItsLines(list.Span, out TextSpan lines) ? lines : list.Span, string.Empty);
            return;
        }

        int index = list.Attributes.IndexOf(attribute);
        Replace(
            index > 0
                ? TextSpan.FromBounds(list.Attributes.GetSeparator(index - 1).SpanStart, attribute.Span.End)
                : TextSpan.FromBounds(attribute.SpanStart, list.Attributes[1].SpanStart),
            string.Empty);
    }

    /// <summary>Inserts <c>[<paramref name="name"/>]</c> right after <paramref name="attribute"/>.</summary>
    public void InsertAfter(AttributeSyntax attribute, string name)
    {
        var list = (AttributeListSyntax)attribute.Parent!;
        string qualified = Qualifier(attribute) + name;
        if (list.Attributes.Count > 1)
        {
            Insert(attribute.Span.End, ", " + qualified);
            return;
        }

        if (!AloneOnItsLines(list.Span, out _))
        {
            Insert(list.Span.End, $" [{qualified}]");
            return;
        }

        TextLine line = _text.Lines.GetLineFromPosition(list.SpanStart);
        string indent = _text.ToString(TextSpan.FromBounds(line.Start, list.SpanStart));
        TextLine last = _text.Lines.GetLineFromPosition(list.Span.End);
        string lineBreak = last.EndIncludingLineBreak > last.End ? _text.ToString(TextSpan.FromBounds(last.End, last.EndIncludingLineBreak)) : "\n";
        Insert(list.Span.End, $"{lineBreak}{indent}[{qualified}]");
    }

    /// <summary>Swaps two attributes' text.</summary>
    public void Swap(AttributeSyntax first, AttributeSyntax second)
    {
        Replace(first.Span, second.ToString());
        Replace(second.Span, first.ToString());
    }

    /// <summary>The attribute's name without its namespace or alias: <c>Dense</c> for <c>[Neuroslyn.Dense]</c>.</summary>
    private static string SimpleName(AttributeSyntax attribute) => attribute.Name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax plain => plain.Identifier.ValueText,
        _ => attribute.Name.ToString(),
    };

    /// <summary>"Neuroslyn." for <c>[Neuroslyn.Dense]</c>, "" for <c>[Dense]</c>.</summary>
    public static string Qualifier(AttributeSyntax attribute) => attribute.Name switch
    {
        QualifiedNameSyntax qualified => qualified.Left + ".",
        AliasQualifiedNameSyntax alias => alias.Alias + "::",
        _ => string.Empty,
    };

    private void Insert(int position, string text) => _changes.Add(new TextChange(new TextSpan(position, 0), text));

    private void InsertPositional(AttributeSyntax attribute, int position, string value)
    {
        List<AttributeArgumentSyntax> positional = Positional(attribute).ToList();
        if (position > 0 && positional.Count >= position)
        {
            Insert(positional[position - 1].Span.End, ", " + value);
        }
        else if (attribute.ArgumentList is null)
        {
            Insert(attribute.Name.Span.End, $"({value})");
        }
        else if (attribute.ArgumentList.Arguments.Count == 0)
        {
            Insert(attribute.ArgumentList.OpenParenToken.Span.End, value);
        }
        else
        {
            Insert(attribute.ArgumentList.Arguments[0].SpanStart, value + ", ");
        }
    }

    private bool AloneOnItsLines(TextSpan span, out TextSpan lines)
    {
        TextLine first = _text.Lines.GetLineFromPosition(span.Start);
        TextLine last = _text.Lines.GetLineFromPosition(span.End);
        lines = TextSpan.FromBounds(first.Start, last.EndIncludingLineBreak);
        return string.IsNullOrWhiteSpace(_text.ToString(TextSpan.FromBounds(first.Start, span.Start)))
            && string.IsNullOrWhiteSpace(_text.ToString(TextSpan.FromBounds(span.End, last.End)));
    }

    private static IEnumerable<AttributeArgumentSyntax> Arguments(AttributeSyntax attribute)
        => attribute.ArgumentList?.Arguments ?? Enumerable.Empty<AttributeArgumentSyntax>();

    private static IEnumerable<AttributeArgumentSyntax> Positional(AttributeSyntax attribute)
        => Arguments(attribute).Where(a => a.NameEquals is null && a.NameColon is null);

    private static AttributeArgumentSyntax? Named(AttributeSyntax attribute, string name)
        => Arguments(attribute).FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
