using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Neuroslyn.Runtime.Tests.Parity;

/// <summary>One architecture's reference data, made by Parity/Reference/make_reference.py with PyTorch.</summary>
internal sealed class ReferenceCase
{
    private readonly JsonElement _root;

    private ReferenceCase(JsonElement root) => _root = root;

    public static ReferenceCase Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Parity", "Reference", name + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new ReferenceCase(document.RootElement.Clone());
    }

    public float[] Inputs => Floats(_root.GetProperty("inputs"));

    public float[] FloatTargets => Floats(_root.GetProperty("targets"));

    public int[] LabelTargets => _root.GetProperty("targets").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public float[] EvalOutputs => Floats(_root.GetProperty("eval_outputs"));

    public float Loss => _root.GetProperty("loss").GetSingle();

    /// <summary>The initial state_dict: name → data in PyTorch's layout.</summary>
    public Dictionary<string, float[]> Initial => _root.GetProperty("initial").EnumerateObject()
        .ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("data")));

    public Dictionary<string, float[]> Gradients => Tensors(_root.GetProperty("grads"));

    /// <summary>Losses and state after each of the two optimizer steps ("adam" or "sgd_momentum").</summary>
    public (float[] Losses, Dictionary<string, float[]> AfterStep1, Dictionary<string, float[]> AfterStep2) Run(string optimizer)
    {
        JsonElement run = _root.GetProperty(optimizer);
        return (Floats(run.GetProperty("losses")), Tensors(run.GetProperty("after_step1")), Tensors(run.GetProperty("after_step2")));
    }

    private static Dictionary<string, float[]> Tensors(JsonElement element)
        => element.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value));

    private static float[] Floats(JsonElement element) => element.EnumerateArray().Select(e => e.GetSingle()).ToArray();
}
