namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// What a layer's <c>Name</c> may be: the prefix of PyTorch state_dict names (<c>fc1</c>, <c>encoder.0</c>), so parts of
/// letters, digits and underscores separated by single dots. That also keeps it safe to write into a C# string and a
/// JSON header unescaped.
/// </summary>
internal static class LayerNames
{
    /// <summary>Longest name accepted: far beyond any module path, short enough for every message and header.</summary>
    public const int MaxLength = 200;

    /// <summary>Why <paramref name="name"/> cannot be a layer's name, or null when it can.</summary>
    public static string? Problem(string name)
    {
        const string Rule = "use letters, digits and underscores, in parts separated by dots, such as \"fc1\" or \"encoder.0\"";
        if (name.Length == 0)
        {
            return "a name cannot be empty; " + Rule + ", or leave Name out for the nn.Sequential index";
        }

        if (name.Length > MaxLength)
        {
            return $"a name has at most {MaxLength} characters, this one {name.Length}; use a shorter one";
        }

        bool partIsEmpty = true;
        foreach (char c in name)
        {
            if (c == '.')
            {
                if (partIsEmpty)
                {
                    return "a dot must separate two non-empty parts; " + Rule;
                }

                partIsEmpty = true;
            }
            else if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_')
            {
                partIsEmpty = false;
            }
            else
            {
                return $"'{(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())}' cannot appear in a tensor name; " + Rule;
            }
        }

        return partIsEmpty ? "a dot must separate two non-empty parts; " + Rule : null;
    }
}
