using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Neuroslyn.Generator.Diagnostics;
using Neuroslyn.Generator.Helpers;
using Neuroslyn.Generator.Model;

namespace Neuroslyn.Generator.Parsing;

/// <summary>
/// Turns a class carrying [Network] and its layer attributes into a <see cref="NetworkSpec"/>. The only code that
/// touches symbols and attribute data; it never throws on what a user may type.
/// </summary>
internal static class NetworkParser
{
    /// <summary>The generator's entry point: the class of one declaration that carries [Network].</summary>
    public static NetworkParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        if (symbol.Name.Length == 0) return NetworkParseResult.Nothing; // 'class' typed, name not yet: the compiler reports it

        // [Network] on two partial declarations is the compiler's CS0579; one of them speaks for the class, so that
        // the class is generated (and reported) once.
        AttributeData? networkAttribute = FirstNetworkAttribute(symbol, context.Attributes[0].AttributeClass) ?? context.Attributes[0];
        SyntaxReference? reference = networkAttribute.ApplicationSyntaxReference;
        bool onThisDeclaration = reference is null
            || (reference.SyntaxTree == context.TargetNode.SyntaxTree && context.TargetNode.Span.Contains(reference.Span));
        if (!onThisDeclaration) return NetworkParseResult.Nothing;

        return Parse(symbol, networkAttribute, (TypeDeclarationSyntax)context.TargetNode, context.SemanticModel.Compilation, cancellationToken);
    }

    /// <summary>
    /// The analyzers' entry point (a symbol action sees a class once, whatever its partial declarations): the same
    /// parse as the generator's, from the class's first [Network] by file path, then position.
    /// </summary>
    /// <param name="networkAttributeClass">The compilation's <c>Neuroslyn.NetworkAttribute</c>.</param>
    public static NetworkParseResult Parse(INamedTypeSymbol symbol, INamedTypeSymbol networkAttributeClass, Compilation compilation, CancellationToken cancellationToken)
    {
        if (symbol.Name.Length == 0) return NetworkParseResult.Nothing;
        AttributeData? networkAttribute = FirstNetworkAttribute(symbol, networkAttributeClass);

        // The declaration that carries the attribute: attribute -> attribute list -> class (or record) declaration.
        if (networkAttribute?.ApplicationSyntaxReference?.GetSyntax(cancellationToken).Parent?.Parent is not TypeDeclarationSyntax declaration)
        {
            return NetworkParseResult.Nothing;
        }

        return Parse(symbol, networkAttribute, declaration, compilation, cancellationToken);
    }

    /// <summary>
    /// The layer attributes of <paramref name="symbol"/> in the order the parser reads them: source order. A valid
    /// network has them all on one declaration (<see cref="LayerPlacement"/>); the file path orders only an invalid
    /// one's, so that its reports come in the same order on every build.
    /// </summary>
    public static IReadOnlyList<AttributeData> LayerAttributes(INamedTypeSymbol symbol)
        => symbol.GetAttributes()
            .Where(IsLayerAttribute)
            .OrderBy(attribute => attribute.ApplicationSyntaxReference?.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(attribute => attribute.ApplicationSyntaxReference?.Span.Start ?? 0)
            .ToList();

    private static NetworkParseResult Parse(INamedTypeSymbol symbol, AttributeData networkAttribute, TypeDeclarationSyntax declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var network = new AttributeReader(networkAttribute, diagnostics, cancellationToken);

        bool valid = network.CheckReadable();
        valid &= LanguageVersionCheck.Check(symbol, declaration, network);
        bool shapeIsValid = CheckClassShape(symbol, declaration, network, out EquatableArray<ContainingTypeSpec> containingTypes);
        valid &= shapeIsValid;

        TensorShape inputShape = ReadInputShape(symbol, network, ref valid);
        LossKind loss = network.ReadEnum(network.NamedNumber("Loss"), LossKind.MeanSquaredError, "Loss", network.NamedLocation("Loss"), ref valid);
        OptimizerSpec optimizer = ReadOptimizer(network, ref valid);
        int seed = (int)(network.NamedNumber("Seed") ?? 0);

        IReadOnlyList<AttributeData> layerAttributes = LayerAttributes(symbol);
        valid &= LayerPlacement.Check(symbol, declaration, layerAttributes, network, diagnostics, cancellationToken);
        List<LayerSpec> layers = ReadLayers(symbol, layerAttributes, inputShape, network, diagnostics, cancellationToken, ref valid);
        if (layers.Count == 0 && valid)
        {
            network.Report(DiagnosticDescriptors.NoLayers, network.Location, symbol.Name);
            valid = false;
        }

        if (shapeIsValid)
        {
            valid &= CheckNames(symbol, layers, compilation, network);
            valid &= ClassConflicts.Check(symbol, layers, compilation, diagnostics, cancellationToken);
        }

        NetworkSpec? spec = valid
            ? new NetworkSpec(
                NamespaceOf(symbol),
                containingTypes,
                symbol.Name,
                inputShape,
                loss,
                optimizer,
                seed,
                layers.ToEquatableArray()) { Monitor = network.NamedBool("Monitor", false) }
            : null;
        // A placeholder part needs a class that can take one: partial, not generic, in partial types (the shape check),
        // and not already [Obsolete] (the placeholder's attribute would be a duplicate).
        UnbuiltNetwork? unbuilt = spec is null && shapeIsValid && symbol.TypeParameters.Length == 0 && !IsObsolete(symbol) && FirstError(diagnostics) is { } error
            ? new UnbuiltNetwork(NamespaceOf(symbol), containingTypes, symbol.Name, error)
            : null;
        return new NetworkParseResult(spec, diagnostics.ToEquatableArray()) { Unbuilt = unbuilt };
    }

    /// <summary>The first error among <paramref name="diagnostics"/> as "NSL0005: message", or null.</summary>
    private static string? FirstError(List<DiagnosticInfo> diagnostics)
    {
        DiagnosticInfo? error = diagnostics.FirstOrDefault(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        return error is null ? null : $"{error.Descriptor.Id}: {error.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static bool IsObsolete(INamedTypeSymbol symbol)
        => symbol.GetAttributes().Any(attribute => attribute.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

    /// <summary>The class's first [Network] with source, by file path, then position; null when there is none.</summary>
    public static AttributeData? FirstNetworkAttribute(INamedTypeSymbol symbol, INamedTypeSymbol? networkClass)
        => symbol.GetAttributes()
            .Where(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, networkClass) && attribute.ApplicationSyntaxReference is not null)
            .OrderBy(attribute => attribute.ApplicationSyntaxReference!.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(attribute => attribute.ApplicationSyntaxReference!.Span.Start)
            .FirstOrDefault();

    /// <summary>The namespace as its parts' names joined with dots, unescaped (the emitter escapes); null for the global namespace.</summary>
    private static string? NamespaceOf(INamedTypeSymbol symbol)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? space = symbol.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            parts.Insert(0, space.Name);
        }

        return parts.Count == 0 ? null : string.Join(".", parts);
    }

    /// <summary>
    /// Reports <see cref="DiagnosticDescriptors.UnsupportedClass"/> when a name would change the meaning of the
    /// generated code: the class named like one of its generated members (CS0542), or a type or namespace named like a
    /// contextual keyword the generated code uses (<c>var</c>) in a scope the generated code sees: the class, the types
    /// around it, and their namespaces up to the global one.
    /// </summary>
    private static bool CheckNames(INamedTypeSymbol symbol, List<LayerSpec> layers, Compilation compilation, AttributeReader network)
    {
        string? problem = null;
        if (GeneratedMemberNames.Of(layers).Contains(symbol.Name))
        {
            problem = $"the generated class has a member named '{symbol.Name}'; rename the class";
        }

        for (INamespaceOrTypeSymbol? scope = symbol; scope is not null && problem is null; scope = scope.ContainingSymbol as INamespaceOrTypeSymbol)
        {
            // A source type's namespaces hold this assembly's types only: the compilation's also hold the references'.
            INamespaceOrTypeSymbol members = scope is INamespaceSymbol space ? compilation.GetCompilationNamespace(space) ?? space : scope;
            foreach (string keyword in GeneratedMemberNames.ContextualKeywords)
            {
                ISymbol? capture = members.GetMembers(keyword).FirstOrDefault(member => member is INamespaceOrTypeSymbol);
                if (capture is not null && problem is null)
                {
                    string kind = capture is INamespaceSymbol ? "namespace" : "type";
                    problem = $"the generated code uses the keyword '{keyword}', which the {kind} '{capture.ToDisplayString()}' would stand for; rename the {kind}";
                }
            }
        }

        if (problem is null)
        {
            return true;
        }

        network.Report(DiagnosticDescriptors.UnsupportedClass, network.Location, symbol.Name, problem);
        return false;
    }

    private static bool CheckClassShape(INamedTypeSymbol symbol, TypeDeclarationSyntax declaration, AttributeReader network, out EquatableArray<ContainingTypeSpec> containingTypes)
    {
        containingTypes = EquatableArray<ContainingTypeSpec>.Empty;
        if (symbol.IsRecord)
        {
            // A record's synthesized members (copy constructor, value equality, PrintMembers) would copy and compare
            // the network's arrays by reference and print its spans: a network is not a value.
            network.Report(DiagnosticDescriptors.UnsupportedClass, network.Location, symbol.Name, "records are not supported; declare a partial class");
            return false;
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            network.Report(DiagnosticDescriptors.ClassNotPartial, network.Location, symbol.Name);
            return false;
        }

        string? problem = symbol switch
        {
            // A file-local class is a type of its own file: a part declared in the generated file would be another class.
            { IsFileLocal: true } => "a file-local class cannot have a generated part, which lives in a file of its own; remove 'file' (make it internal to keep it out of other assemblies)",
            { TypeParameters.Length: > 0 } => "generic classes are not supported; declare a non-generic class",
            { IsStatic: true } => "a static class cannot be instantiated; remove 'static'",
            { IsAbstract: true } => "an abstract class cannot be instantiated; remove 'abstract'",
            _ => null,
        };

        var enclosing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? outer = symbol.ContainingType; outer is not null && problem is null; outer = outer.ContainingType)
        {
            bool outerIsPartial = outer.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .All(type => type.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (outer.IsFileLocal)
            {
                problem = $"it is nested in '{outer.Name}', which is file-local, and a generated part lives in a file of its own; remove 'file' from '{outer.Name}'";
            }
            else if (outer.TypeParameters.Length > 0)
            {
                problem = $"it is nested in the generic type '{outer.Name}'; move it out, or make the enclosing type non-generic";
            }
            else if (!outerIsPartial)
            {
                problem = $"it is nested in '{outer.Name}', which is not partial; declare 'partial' on every enclosing type";
            }
            else
            {
                enclosing.Insert(0, new ContainingTypeSpec(Keyword(outer), outer.Name));
            }
        }

        if (problem is not null)
        {
            network.Report(DiagnosticDescriptors.UnsupportedClass, network.Location, symbol.Name, problem);
            return false;
        }

        containingTypes = enclosing.ToEquatableArray();
        return true;
    }

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };

    /// <summary>
    /// One sample's shape: <c>InputShape</c> (<c>[features]</c> or <c>[channels, height, width]</c>) or <c>Inputs</c>
    /// features, exactly one of them. An unusable shape is reported and read as a single feature, so that the layers are
    /// still read and checked.
    /// </summary>
    private static TensorShape ReadInputShape(INamedTypeSymbol symbol, AttributeReader network, ref bool valid)
    {
        double[]? dimensions = network.NamedNumbers("InputShape");
        if (dimensions is null)
        {
            return TensorShape.Features(ReadInputs(symbol, network, ref valid));
        }

        string written = "new[] { " + string.Join(", ", dimensions.Select(AttributeReader.Format)) + " }";
        string? problem = null;
        if (network.HasNamed("Inputs"))
        {
            problem = "set InputShape or Inputs, not both (Inputs = n is InputShape = new[] { n })";
        }
        else if (dimensions.Length is not (1 or 3))
        {
            problem = "a sample is a vector, new[] { features }, or an image, new[] { channels, height, width } (PyTorch's order without the batch)";
        }
        else if (dimensions.Any(d => !(d >= 1) || d != System.Math.Floor(d)))
        {
            problem = "every dimension must be a positive whole number";
        }
        else if (dimensions.Aggregate(1.0, (product, d) => product * d) > NetworkLimits.MaxWidth)
        {
            problem = $"a network takes at most {AttributeReader.Grouped(NetworkLimits.MaxWidth)} values per sample, so that a batch of samples fits in an array";
        }

        if (problem is not null)
        {
            network.Report(DiagnosticDescriptors.InvalidArgument, network.NamedLocation("InputShape"), "InputShape", written, problem);
            valid = false;
            return TensorShape.Features(1);
        }

        int[] shape = dimensions.Select(d => (int)d).ToArray();
        return shape.Length == 1 ? TensorShape.Features(shape[0]) : TensorShape.Image(shape[0], shape[1], shape[2]);
    }

    private static int ReadInputs(INamedTypeSymbol symbol, AttributeReader network, ref bool valid)
    {
        double? inputs = network.NamedNumber("Inputs");
        if (inputs is > 0 and <= NetworkLimits.MaxWidth)
        {
            return (int)inputs.Value;
        }

        if (inputs is > NetworkLimits.MaxWidth)
        {
            network.Report(
                DiagnosticDescriptors.InvalidArgument,
                network.NamedLocation("Inputs"),
                "Inputs",
                AttributeReader.Format(inputs.Value),
                $"a network takes at most {AttributeReader.Grouped(NetworkLimits.MaxWidth)} features per sample, so that a batch of samples fits in an array");
            valid = false;
            return 0;
        }

        string problem = inputs is null ? "does not set Inputs or InputShape" : $"sets Inputs = {AttributeReader.Format(inputs.Value)}";
        network.Report(DiagnosticDescriptors.MissingInputs, network.NamedLocation("Inputs"), symbol.Name, problem);
        valid = false;
        return 0;
    }

    private static OptimizerSpec ReadOptimizer(AttributeReader network, ref bool valid)
    {
        OptimizerKind kind = network.ReadEnum(network.NamedNumber("Optimizer"), OptimizerKind.Adam, "Optimizer", network.NamedLocation("Optimizer"), ref valid);
        double defaultRate = kind == OptimizerKind.Adam ? 1e-3 : 1e-2;
        double rate = network.NamedNumber("LearningRate") ?? 0;
        if (rate == 0)
        {
            rate = defaultRate;
        }

        valid &= network.CheckFloat("LearningRate", rate, value => value > 0, $"the learning rate must be positive (0 or unset means the optimizer's default, {AttributeReader.Format(defaultRate)})", network.NamedLocation("LearningRate"), out float learningRate);
        float momentum = Number(network, "Momentum", 0, value => value is >= 0 and < 1, "momentum must be in [0, 1), e.g. 0.9", ref valid);
        float beta1 = Number(network, "Beta1", 0.9, value => value is >= 0 and < 1, "Adam's beta1 must be in [0, 1); the usual value is 0.9", ref valid);
        float beta2 = Number(network, "Beta2", 0.999, value => value is >= 0 and < 1, "Adam's beta2 must be in [0, 1); the usual value is 0.999", ref valid);
        float epsilon = Number(network, "Epsilon", 1e-8, value => value > 0, "Adam's epsilon must be positive; the usual value is 1e-8", ref valid);
        float decay = Number(network, "WeightDecay", 0, value => value >= 0, "weight decay must be 0 or positive", ref valid);
        float clip = Number(network, "ClipNorm", 0, value => value >= 0, "the clipping norm must be positive, or 0 for no clipping", ref valid);
        return new OptimizerSpec(kind, learningRate, momentum, beta1, beta2, epsilon, decay, clip);
    }

    /// <summary>A float setting, checked as the float the generated code holds (see <see cref="AttributeReader.CheckFloat"/>).</summary>
    private static float Number(AttributeReader attribute, string name, double defaultValue, System.Func<float, bool> inRange, string requirement, ref bool valid)
    {
        double value = attribute.NamedNumber(name) ?? defaultValue;
        valid &= attribute.CheckFloat(name, value, inRange, requirement, attribute.NamedLocation(name), out float converted);
        return converted;
    }

    private static List<LayerSpec> ReadLayers(INamedTypeSymbol symbol, IReadOnlyList<AttributeData> layerAttributes, TensorShape inputShape, AttributeReader network, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, ref bool valid)
    {
        var layers = new List<LayerSpec>();
        if (layerAttributes.Count > NetworkLimits.MaxLayers)
        {
            // Before reading any layer: the cost of an absurd declaration is in what would be generated from it and
            // compiled (each layer's code), so the parser refuses it and nothing is emitted.
            AttributeData first = layerAttributes[NetworkLimits.MaxLayers];
            Location? location = first.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? network.Location;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, location, symbol.Name, layerAttributes.Count, NetworkLimits.MaxLayers));
            valid = false;
            return layers;
        }

        var locations = new List<Location?>();
        var offsets = new LayerOffsets();
        TensorShape shape = inputShape;
        foreach (AttributeData attribute in layerAttributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reader = new AttributeReader(attribute, diagnostics, cancellationToken);
            if (!reader.CheckReadable())
            {
                valid = false;
                continue;
            }

            // LayerAttributes admits only the registry's kinds: each reads its own attribute.
            LayerKind kind = LayerKinds.ForAttribute(attribute.AttributeClass!.Name)!;
            string modulePath = offsets.DefaultName;
            LayerSpec? layer = kind.Read(reader, layers.Count, shape, offsets, ref valid);
            if (layer is not null)
            {
                layers.Add(layer with { ModulePath = modulePath });
                locations.Add(reader.Location);
                shape = layer.OutputShape;
            }
        }

        if (offsets.OpenBlock is { } unclosed)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ResidualBlockStructure, unclosed.Location, unclosed.OpenIndex,
                "it is never closed; add [EndResidual] after the block's last layer"));
            valid = false;
        }

        for (int i = 0; i < layers.Count - 1; i++)
        {
            if (layers[i].AppliedActivation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNotOnOutput, locations[i], i));
                valid = false;
            }
        }

        return layers;
    }

    private static bool IsLayerAttribute(AttributeData attribute)
        => attribute.AttributeClass is { ContainingNamespace: { Name: AttributeNames.Namespace, ContainingNamespace.IsGlobalNamespace: true } } type
           && LayerKinds.ForAttribute(type.Name) is not null;
}
