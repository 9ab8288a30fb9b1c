using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis;
using Neuroslyn.Generator.Diagnostics;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Reports <see cref="DiagnosticDescriptors.LanguageVersionTooLow"/> when the project compiles at a C# version the
/// generated code does not compile at: the generated file is parsed with the project's options, and below C# 11 it
/// would fail with a dozen errors inside it and none at the user's code.
/// </summary>
internal static class LanguageVersionCheck
{
    /// <summary>
    /// The oldest version the generated code compiles at: C# 11, for the static abstract interface members it implements
    /// (<c>ICompiledNetwork&lt;TSelf&gt;</c>) and the <c>file</c> helper classes. LanguageVersionTests compiles every golden
    /// network at it.
    /// </summary>
    public const LanguageVersion Minimum = LanguageVersion.CSharp11;

    public static bool Check(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, AttributeReader network)
    {
        if (declaration.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: var version } || version >= Minimum)
        {
            return true;
        }

        network.Report(DiagnosticDescriptors.LanguageVersionTooLow, network.Location, symbol.Name, Display(version), Display(Minimum));
        return false;
    }

    /// <summary>The version as LangVersion takes it and people say it: 11, 7.3 (not 11.0).</summary>
    private static string Display(LanguageVersion version)
    {
        string text = version.ToDisplayString();
        return text.EndsWith(".0", System.StringComparison.Ordinal) ? text.Substring(0, text.Length - 2) : text;
    }
}
