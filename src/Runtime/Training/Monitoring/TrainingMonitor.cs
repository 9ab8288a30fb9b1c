using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Numerics.Tensors;

namespace Neuroslyn.Training;

/// <summary>
/// Watches training and reports, under the ids of the build-time rules, the hazards that actually happen: non-finite
/// values (forward outputs, loss, gradients, weights: the first layer and tensor named, forward pass first), loss
/// blow-up, vanishing and exploding gradients (first/last weighted layer norm ratio, mean |gradient|), dead ReLU
/// units (per channel for an image output: a filter is dead when it is never above 0 at any position of any sample),
/// saturated Sigmoid/Tanh units, update ratios out of range, and stalls.
/// </summary>
/// <remarks>
/// Pass one to <see cref="Trainer.Fit{TNet, TTarget}"/>; it is used by one training run at a time. The forward-pass
/// metrics (dead units, saturation, non-finite outputs) need a network declared with <c>[Network(Monitor = true)]</c>;
/// the others work with any network. A hand-written loop calls <see cref="Attach{TNet}"/>, then per step
/// <see cref="AfterGradients"/> (skip the optimizer step when it returns false) and <see cref="AfterStep"/>, and
/// <see cref="EndEpoch"/> at the end of each epoch.
/// </remarks>
public sealed class TrainingMonitor
{
    // |z| >= 5 seen from the output: tanh(5) for Tanh; for Sigmoid |2σ(z) - 1| = tanh(|z| / 2) >= tanh(2.5).
    private const float TanhSaturated = 0.99990916f;
    private const float SigmoidSaturated = 0.98661430f;

    // Dead-unit maxima are kept over a block of whole positions this long (at least one position): one vectorised pass
    // over a layer's output folds it in whatever its units, and the block stays in L1.
    private const int SeenBlockFloats = 1024;

    // Dead units named in a finding's message; the statistics list all of them.
    private const int DeadUnitsNamed = 8;

    private readonly List<TrainingFinding> _findings = [];
    private readonly List<TrainingFinding> _epochFindings = [];
    private readonly List<MonitorEpochReport> _epochs = [];
    private readonly List<float> _epochLosses = [];
    private readonly HashSet<(string Rule, int? Layer, string Metric)> _reportedThisEpoch = [];
    private LayerState[] _layers = [];
    private int[] _weighted = [];
    private IReadOnlyList<TensorInfo> _tensors = [];
    private int _epoch = 1;
    private long _step;
    private int _stepInEpoch;
    private bool _outputChecked;
    private bool _forwardWatched;
    private int _forwardBadLayer = -1;
    private float _forwardBadValue;
    private double _lossSum;
    private int _lossCount;
    private float? _firstEpochLoss;

    /// <summary>Creates a monitor with the given thresholds, or the defaults.</summary>
    public TrainingMonitor(MonitorOptions? options = null)
    {
        Options = options ?? new MonitorOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.CheckInterval, nameof(options));
    }

    /// <summary>Raised for each finding as soon as it is made (at most once per rule, layer and metric per epoch).</summary>
    public event Action<TrainingFinding>? FindingReported;

    /// <summary>Raised with each epoch's report at the end of the epoch.</summary>
    public event Action<MonitorEpochReport>? EpochReported;

    /// <summary>The thresholds in use.</summary>
    public MonitorOptions Options { get; }

    /// <summary>Every finding so far, in order.</summary>
    public IReadOnlyList<TrainingFinding> Findings => _findings;

    /// <summary>One report per completed epoch.</summary>
    public IReadOnlyList<MonitorEpochReport> Epochs => _epochs;

    /// <summary>The finding at <see cref="MonitorOptions.StopAt"/> severity or worse that ended training; null while training may go on.</summary>
    public TrainingFinding? HaltedBy { get; private set; }

    /// <summary>True when a finding at <see cref="MonitorOptions.StopAt"/> or worse was made: training should stop.</summary>
    public bool ShouldStop => HaltedBy is not null;

    /// <summary>Whether the attached network hands its layers' outputs to the monitor (<c>[Network(Monitor = true)]</c>).</summary>
    public bool SeesForwardPass { get; private set; }

    /// <summary>Throws <see cref="TrainingHaltedException"/> when <see cref="HaltedBy"/> is set.</summary>
    public void ThrowIfHalted()
    {
        if (HaltedBy is not null)
        {
            throw new TrainingHaltedException(HaltedBy);
        }
    }

    /// <summary>
    /// Prepares the monitor for <paramref name="network"/> and, if the network was declared with
    /// <c>[Network(Monitor = true)]</c>, attaches itself to the network's forward pass. Forgets earlier runs.
    /// </summary>
    public void Attach<TNet>(TNet network)
        where TNet : ICompiledNetwork<TNet>
    {
        ArgumentNullException.ThrowIfNull(network);
        _tensors = TNet.Tensors;
        IReadOnlyList<LayerInfo> layers = TNet.Layers;
        _layers = new LayerState[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            TensorInfo? weight = _tensors.FirstOrDefault(tensor => tensor.Layer == i && tensor.Role == TensorRole.Weight);
            _layers[i] = new LayerState(layers[i], weight, isLast: i == layers.Count - 1);
        }

        _weighted = Enumerable.Range(0, _layers.Length).Where(i => _layers[i].Weight is not null).ToArray();
        _findings.Clear();
        _epochs.Clear();
        _epochLosses.Clear();
        _firstEpochLoss = null;
        HaltedBy = null;
        _step = 0;
        _forwardBadLayer = -1;
        SeesForwardPass = network is IMonitoredNetwork;
        if (network is IMonitoredNetwork monitored)
        {
            monitored.Monitor = this;
        }

        BeginEpoch(1);
    }

    /// <summary>Detaches the monitor from the network's forward pass.</summary>
    public void Detach(INetwork network)
    {
        if (network is IMonitoredNetwork monitored && ReferenceEquals(monitored.Monitor, this))
        {
            monitored.Monitor = null;
        }
    }

    /// <summary>Starts epoch <paramref name="epoch"/> (from 1): resets the per-epoch statistics.</summary>
    public void BeginEpoch(int epoch)
    {
        _epoch = epoch;
        _stepInEpoch = 0;
        _lossSum = 0;
        _lossCount = 0;
        _epochFindings.Clear();
        _reportedThisEpoch.Clear();
        foreach (LayerState layer in _layers)
        {
            layer.Reset();
        }
    }

    private bool IsCheckStep => _stepInEpoch % Options.CheckInterval == 0;

    /// <summary>
    /// Called by the generated training forward pass with layer <paramref name="layer"/>'s output (rows × the layer's
    /// <see cref="LayerInfo.OutputUnits"/>, after the activation). Not for user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void RecordOutput(int layer, ReadOnlySpan<float> output)
    {
        if ((uint)layer >= (uint)_layers.Length)
        {
            return;
        }

        _forwardWatched = true;
        LayerState state = _layers[layer];
        if (_forwardBadLayer < 0 && !AllFinite(output))
        {
            _forwardBadLayer = layer;
            _forwardBadValue = output[FirstNonFinite(output)];
        }

        if (state.TracksDead)
        {
            state.RecordMaxima(output);
        }

        if (state.SaturationLimit > 0 && IsCheckStep)
        {
            long saturated = 0;
            float limit = state.SaturationLimit;
            bool sigmoid = state.Activation == Activation.Sigmoid;
            foreach (float y in output)
            {
                float centred = sigmoid ? Math.Abs((2 * y) - 1) : Math.Abs(y);
                if (centred >= limit)
                {
                    saturated++;
                }
            }

            state.SaturatedSum += output.Length == 0 ? 0 : (double)saturated / output.Length;
            state.SaturatedCount++;
        }
    }

    /// <summary>
    /// Checks a step after backpropagation, before the optimizer step: non-finite forward outputs, loss and gradients,
    /// loss blow-up; on sampled steps, gradient norms. Returns false when training should stop (see <see cref="HaltedBy"/>):
    /// then do not apply the gradients, so that nothing non-finite reaches the weights.
    /// </summary>
    public bool AfterGradients(INetwork network, float loss)
    {
        ArgumentNullException.ThrowIfNull(network);
        _outputChecked = IsCheckStep;
        if (_forwardBadLayer >= 0)
        {
            int layer = _forwardBadLayer;
            string what = $"{Name(layer)} produced {Format(_forwardBadValue)} in its output in the forward pass";
            if (FirstNonFiniteParameter(network, layer) is (TensorInfo tensor, float bad))
            {
                what += $", and its {tensor.Name} holds {Format(bad)}";
            }

            Report(NonFinite(layer, "output", _forwardBadValue, what));
            _forwardBadLayer = -1;
            _outputChecked = false;
            return !ShouldStop;
        }

        if (!float.IsFinite(loss))
        {
            // The loss names no layer; the first non-finite weight, if there is one, is where the value entered (with every
            // weight finite, it came from the inputs, the targets or an overflow).
            if (FirstNonFiniteParameter(network, layer: null) is (TensorInfo tensor, float bad))
            {
                Report(NonFinite(tensor.Layer, tensor.Name, bad, $"the loss is {Format(loss)}, and {tensor.Name} of {Name(tensor.Layer)} holds {Format(bad)}"));
            }
            else
            {
                string hint = SeesForwardPass ? string.Empty : " (every weight is finite; declare the network with Monitor = true to have the layer that produced it named)";
                Report(NonFinite(null, "loss", loss, $"the loss is {Format(loss)}{hint}"));
            }

            _outputChecked = false;
            return !ShouldStop;
        }

        ReadOnlySpan<float> gradients = network.Gradients;
        if (!AllFinite(gradients))
        {
            // Backpropagation runs from the last layer to the first: the first bad gradient is the last layer's.
            foreach (TensorInfo tensor in _tensors.Where(tensor => tensor.IsParameter).OrderByDescending(tensor => tensor.Layer))
            {
                ReadOnlySpan<float> slice = gradients.Slice(tensor.Offset, tensor.Length);
                if (!AllFinite(slice))
                {
                    float value = slice[FirstNonFinite(slice)];
                    Report(NonFinite(tensor.Layer, tensor.Name, value, $"the gradient of {tensor.Name} (layer {tensor.Layer}, {Describe(tensor.Layer)}) holds {Format(value)}"));
                    break;
                }
            }

            _outputChecked = false;
            return !ShouldStop;
        }

        _lossSum += loss;
        _lossCount++;
        double blowUp = _firstEpochLoss is float first && first > 0 ? Options.LossBlowUpFactor * first : double.PositiveInfinity;
        if (loss >= Options.LossBlowUp || loss > blowUp)
        {
            bool absolute = loss >= Options.LossBlowUp;
            double threshold = absolute ? Options.LossBlowUp : blowUp;
            string why = absolute ? $"at or above {Format(threshold)}" : $"more than {Format(Options.LossBlowUpFactor)}x the first epoch's {Format(_firstEpochLoss!.Value)}";
            Report(new TrainingFinding(RuleIds.ExplodingGradient, FindingSeverity.Warning, _epoch, _step + 1, null, "loss", "loss", loss, threshold,
                $"The loss is blowing up: {Format(loss)} at step {_step + 1}, {why}: training is diverging.",
                "Clip the gradients (ClipNorm = 1f) or lower the learning rate."));
            if (ShouldStop)
            {
                _outputChecked = false;
                return false;
            }
        }

        if (_outputChecked)
        {
            foreach (int i in _weighted)
            {
                LayerState state = _layers[i];
                ReadOnlySpan<float> gradient = gradients.Slice(state.WeightOffset, state.Before.Length);
                state.NormSum += TensorPrimitives.Norm(gradient);
                state.MeanAbsSum += TensorPrimitives.SumOfMagnitudes(gradient) / gradient.Length;
                state.GradientCount++;
                network.Parameters.Slice(state.WeightOffset, state.Before.Length).CopyTo(state.Before);
            }
        }

        return !ShouldStop;
    }

    /// <summary>
    /// Checks a step after the optimizer step: non-finite weights, and on sampled steps the update ratio
    /// ‖W after − W before‖ / ‖W before‖ of each Dense layer. Returns false when training should stop.
    /// </summary>
    public bool AfterStep(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _step++;
        _stepInEpoch++;
        ReadOnlySpan<float> parameters = network.Parameters;
        if (!AllFinite(parameters))
        {
            foreach (TensorInfo tensor in _tensors.Where(tensor => tensor.IsParameter).OrderBy(tensor => tensor.Layer))
            {
                ReadOnlySpan<float> slice = parameters.Slice(tensor.Offset, tensor.Length);
                if (!AllFinite(slice))
                {
                    float value = slice[FirstNonFinite(slice)];
                    Report(NonFinite(tensor.Layer, tensor.Name, value, $"the optimizer step wrote {Format(value)} into {tensor.Name} (layer {tensor.Layer}, {Describe(tensor.Layer)})"));
                    break;
                }
            }

            return !ShouldStop;
        }

        if (_outputChecked)
        {
            foreach (int i in _weighted)
            {
                LayerState state = _layers[i];
                ReadOnlySpan<float> after = parameters.Slice(state.WeightOffset, state.Before.Length);
                float norm = TensorPrimitives.Norm(state.Before);
                if (norm > 0)
                {
                    state.UpdateSum += TensorPrimitives.Distance(after, state.Before) / norm;
                    state.UpdateCount++;
                }
            }
        }

        _outputChecked = false;
        return !ShouldStop;
    }

    /// <summary>
    /// Ends the current epoch: evaluates the epoch-level rules (gradient-norm ratio, mean |gradient|, dead units,
    /// saturation, update ratio, stall), raises <see cref="EpochReported"/>, and starts the next epoch. Returns false
    /// when training should stop.
    /// </summary>
    /// <param name="trainingLoss">The epoch's mean loss; null to use the mean of the losses the monitor saw.</param>
    public bool EndEpoch(float? trainingLoss = null)
    {
        float loss = trainingLoss ?? (_lossCount == 0 ? float.NaN : (float)(_lossSum / _lossCount));
        var statistics = new LayerStatistics[_layers.Length];
        for (int i = 0; i < _layers.Length; i++)
        {
            statistics[i] = _layers[i].Statistics(SeesForwardPass && _forwardWatched);
        }

        // After a stop, the finding that stopped training is the story: the partial epoch is reported, not judged.
        if (_stepInEpoch > 0 && !ShouldStop)
        {
            CheckGradients(statistics);
            CheckUnits(statistics);
            CheckUpdates(statistics);
            CheckStall(loss);
        }

        _firstEpochLoss ??= float.IsFinite(loss) ? loss : null;
        var report = new MonitorEpochReport(_epoch, loss, statistics, _epochFindings.ToArray());
        _epochs.Add(report);
        EpochReported?.Invoke(report);
        BeginEpoch(_epoch + 1);
        return !ShouldStop;
    }

    private void CheckGradients(LayerStatistics[] statistics)
    {
        foreach (int i in _weighted)
        {
            if (statistics[i].MeanAbsGradient is double mean && mean < Options.MinMeanAbsGradient)
            {
                Report(new TrainingFinding(RuleIds.VanishingGradient, FindingSeverity.Warning, _epoch, _step, i, _layers[i].Weight!.Name, "mean-abs-gradient", mean, Options.MinMeanAbsGradient,
                    $"Vanishing gradient at layer {i} ({Describe(i)}): its mean |gradient| is {Format(mean)}, below {Format(Options.MinMeanAbsGradient)}; it barely learns.",
                    "Use ReLU with He initialisation, or insert BatchNorm."));
            }
        }

        if (_weighted.Length < 2 || statistics[_weighted[0]].GradientNorm is not double first || statistics[_weighted[^1]].GradientNorm is not double last || last <= 0)
        {
            return;
        }

        double ratio = first / last;
        string norms = string.Join(", ", _weighted.Select(i => $"layer {i} {Format(statistics[i].GradientNorm ?? 0)}"));
        if (ratio < Options.VanishingRatio && first < Options.VanishingFirstNorm)
        {
            Report(new TrainingFinding(RuleIds.VanishingGradient, FindingSeverity.Warning, _epoch, _step, _weighted[0], _layers[_weighted[0]].Weight!.Name, "gradient-norm-ratio", ratio, Options.VanishingRatio,
                $"Vanishing gradient: the first weighted layer's gradient norm is {Format(ratio)} of the last one's (below {Format(Options.VanishingRatio)}); gradient norms: {norms}.",
                "Use ReLU with He initialisation, or insert BatchNorm."));
        }
        else if (ratio > Options.ExplodingRatio)
        {
            Report(new TrainingFinding(RuleIds.ExplodingGradient, FindingSeverity.Warning, _epoch, _step, _weighted[0], _layers[_weighted[0]].Weight!.Name, "gradient-norm-ratio", ratio, Options.ExplodingRatio,
                $"Exploding gradient: the first weighted layer's gradient norm is {Format(ratio)}x the last one's (above {Format(Options.ExplodingRatio)}); gradient norms: {norms}.",
                "Clip the gradients (ClipNorm = 1f), insert BatchNorm, or lower the learning rate."));
        }
    }

    private void CheckUnits(LayerStatistics[] statistics)
    {
        for (int i = 0; i < statistics.Length; i++)
        {
            if (statistics[i].DeadShare is double dead && dead >= Options.DeadShareWarning)
            {
                bool severe = dead >= Options.DeadShareError;
                Report(new TrainingFinding(RuleIds.DeadRelu, severe ? FindingSeverity.Error : FindingSeverity.Warning, _epoch, _step, i, null, "dead-share", dead,
                    severe ? Options.DeadShareError : Options.DeadShareWarning,
                    DeadMessage(i, dead, statistics[i].DeadUnits ?? []),
                    "Lower the learning rate, or use LeakyReLU."));
            }

            if (statistics[i].SaturatedShare is double saturated && saturated > Options.SaturationShare)
            {
                Report(new TrainingFinding(RuleIds.VanishingGradient, FindingSeverity.Warning, _epoch, _step, i, null, "saturated-share", saturated, Options.SaturationShare,
                    $"Saturated units: {Percent(saturated)} of layer {i}'s outputs ({Describe(i)}) come from pre-activations with |z| >= 5, where the derivative is below 0.007; the gradient vanishes there.",
                    "Insert BatchNorm, re-initialise with Glorot, or use ReLU."));
            }
        }
    }

    private void CheckUpdates(LayerStatistics[] statistics)
    {
        foreach (int i in _weighted)
        {
            if (statistics[i].UpdateRatio is not double ratio)
            {
                continue;
            }

            if (ratio > Options.MaxUpdateRatio)
            {
                Report(new TrainingFinding(RuleIds.LearningRateTooHigh, FindingSeverity.Warning, _epoch, _step, i, _layers[i].Weight!.Name, "update-ratio", ratio, Options.MaxUpdateRatio,
                    $"Learning rate too high for layer {i} ({Describe(i)}): each step changes its weights by {Format(ratio)} of their norm, above {Format(Options.MaxUpdateRatio)}.",
                    "Lower the learning rate."));
            }
            else if (ratio < Options.MinUpdateRatio)
            {
                Report(new TrainingFinding(RuleIds.LearningRateTooLow, FindingSeverity.Warning, _epoch, _step, i, _layers[i].Weight!.Name, "update-ratio", ratio, Options.MinUpdateRatio,
                    $"Learning rate too low for layer {i} ({Describe(i)}): each step changes its weights by {Format(ratio)} of their norm, below {Format(Options.MinUpdateRatio)}.",
                    "Raise the learning rate."));
            }
        }
    }

    private void CheckStall(float loss)
    {
        _epochLosses.Add(loss);
        int checks = Options.StallChecks;
        if (checks <= 0 || _epochLosses.Count <= checks)
        {
            return;
        }

        List<float> window = _epochLosses.GetRange(_epochLosses.Count - checks - 1, checks + 1);
        double change = window.Max() - window.Min();
        double scale = Math.Max(Math.Abs(loss), 1e-12);
        if (float.IsFinite(loss) && change / scale < Options.StallTolerance)
        {
            Report(new TrainingFinding(RuleIds.TrainingStalled, FindingSeverity.Warning, _epoch, _step, null, "loss", "loss-change", change / scale, Options.StallTolerance,
                $"Training has stalled: the loss stayed at {Format(loss)} (relative change {Format(change / scale)}) over the last {checks} epochs.",
                "Raise the learning rate, check the data and targets, or stop training."));
        }
    }

    private string DeadMessage(int layer, double share, IReadOnlyList<int> dead)
    {
        UnitLayout units = _layers[layer].Units;
        string unit = units.IsChannels ? "channel" : "unit";
        string named = string.Join(", ", dead.Take(DeadUnitsNamed).Select(index => index.ToString(CultureInfo.InvariantCulture)));
        string list = (dead.Count == 1 ? unit : unit + "s") + " " + named + (dead.Count > DeadUnitsNamed ? $", ... ({dead.Count} in all)" : string.Empty);
        return units.IsChannels
            ? $"Dead ReLU channels: {Percent(share)} of layer {layer}'s {units.Units} channels ({Describe(layer)}) were never above 0 at any position of any sample during epoch {_epoch} (dead: {list}); a dead channel passes no gradient to its filter and may never recover."
            : $"Dead ReLU units: {Percent(share)} of layer {layer}'s {units.Units} units ({Describe(layer)}) were never above 0 during epoch {_epoch} (dead: {list}); they pass no gradient and may never recover.";
    }

    /// <summary>The first parameter tensor holding a non-finite value, of <paramref name="layer"/> or of any layer (in layer order); null for none.</summary>
    private (TensorInfo Tensor, float Value)? FirstNonFiniteParameter(INetwork network, int? layer)
    {
        ReadOnlySpan<float> parameters = network.Parameters;
        if (AllFinite(parameters))
        {
            return null;
        }

        foreach (TensorInfo tensor in _tensors.Where(tensor => tensor.IsParameter && (layer is null || tensor.Layer == layer)).OrderBy(tensor => tensor.Layer))
        {
            ReadOnlySpan<float> slice = parameters.Slice(tensor.Offset, tensor.Length);
            int index = FirstNonFinite(slice);
            if (index >= 0)
            {
                return (tensor, slice[index]);
            }
        }

        return null;
    }

    private TrainingFinding NonFinite(int? layer, string tensor, float value, string what)
        => new(RuleIds.NonFiniteValue, FindingSeverity.Error, _epoch, _step + 1, layer, tensor, "non-finite", value, 0,
            $"Non-finite value at step {_step + 1}: {what}.",
            "Lower the learning rate, clip the gradients (ClipNorm = 1f), and check the inputs for NaN.");

    private void Report(TrainingFinding finding)
    {
        if (!_reportedThisEpoch.Add((finding.RuleId, finding.Layer, finding.Metric)))
        {
            return;
        }

        _findings.Add(finding);
        _epochFindings.Add(finding);
        if (HaltedBy is null && Options.StopAt is FindingSeverity stop && finding.Severity >= stop)
        {
            HaltedBy = finding;
        }

        FindingReported?.Invoke(finding);
    }

    private string Describe(int? layer) => layer is int i && (uint)i < (uint)_layers.Length ? _layers[i].Description : "the network";

    /// <summary>"layer 3 (Conv2D(8, 3, ReLU) 'conv2')": the layer's index and description.</summary>
    private string Name(int layer) => $"layer {layer} ({Describe(layer)})";

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        // A sum is finite when every value is, unless finite values overflow it: then look one by one.
        return float.IsFinite(TensorPrimitives.Sum(values)) || FirstNonFinite(values) < 0;
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Per-layer accumulators of one epoch.</summary>
    private sealed class LayerState
    {
        public LayerState(LayerInfo info, TensorInfo? weight, bool isLast)
        {
            Info = info;
            Weight = weight;
            WeightOffset = weight?.Offset ?? 0;
            Activation = info.AppliedActivation;
            TracksDead = Activation == Activation.ReLU;
            if (TracksDead)
            {
                // The kind says how its output lies in memory; the dead count is per unit of that layout.
                Units = info.OutputUnits;
                if (Units.Units <= 0 || Units.Size != info.OutputSize)
                {
                    throw new InvalidOperationException($"{info.GetType().Name} (layer {info.Index}) lays its output out as {Units.Positions} positions of {Units.Units} units, which is not its {info.OutputSize} values.");
                }

                MaxSeen = new float[Units.Units * Math.Max(1, SeenBlockFloats / Units.Units)];
                UnitMax = new float[Units.Units];
            }
            else
            {
                MaxSeen = UnitMax = [];
            }

            SaturationLimit = isLast ? 0 : Activation switch
            {
                Activation.Sigmoid => SigmoidSaturated,
                Activation.Tanh => TanhSaturated,
                _ => 0,
            };
            Before = weight is null ? [] : new float[weight.Length];
            Description = IsNamed(info.Name) ? $"{info.Description} '{info.Name}'" : info.Description;
        }

        public LayerInfo Info { get; }

        public TensorInfo? Weight { get; }

        /// <summary>Offset of <see cref="Weight"/> in the parameters (its length is <see cref="Before"/>'s).</summary>
        public int WeightOffset { get; }

        public Activation Activation { get; }

        /// <summary>"Conv2D(8, 3, ReLU) 'conv2'": the kind's description, and the layer's state_dict prefix when it says more than the module index.</summary>
        public string Description { get; }

        public bool TracksDead { get; }

        /// <summary>The units dead ReLU units are counted over (set when <see cref="TracksDead"/>).</summary>
        public UnitLayout Units { get; }

        /// <summary>
        /// The largest output seen this epoch, over a block of whole positions: element j holds unit j mod
        /// <see cref="UnitLayout.Units"/>. Outputs are positions of units back to back, so any run of whole positions
        /// folds into the block's head with one element-wise maximum.
        /// </summary>
        public float[] MaxSeen { get; }

        /// <summary>Scratch for folding <see cref="MaxSeen"/> to one maximum per unit at the end of an epoch.</summary>
        public float[] UnitMax { get; }

        public float SaturationLimit { get; }

        public float[] Before { get; }

        public double NormSum { get; set; }

        public double MeanAbsSum { get; set; }

        public int GradientCount { get; set; }

        public double UpdateSum { get; set; }

        public int UpdateCount { get; set; }

        public double SaturatedSum { get; set; }

        public int SaturatedCount { get; set; }

        public bool SawOutput => MaxSeen.Length > 0 && !float.IsNegativeInfinity(MaxSeen[0]);

        public void Reset()
        {
            MaxSeen.AsSpan().Fill(float.NegativeInfinity);
            NormSum = MeanAbsSum = UpdateSum = SaturatedSum = 0;
            GradientCount = UpdateCount = SaturatedCount = 0;
        }

        /// <summary>Folds a batch of outputs (rows × positions × units) into <see cref="MaxSeen"/>; a trailing partial position is ignored.</summary>
        public void RecordMaxima(ReadOnlySpan<float> output)
        {
            Span<float> seen = MaxSeen;
            ReadOnlySpan<float> values = output[..(output.Length - (output.Length % Units.Units))];
            while (values.Length >= seen.Length)
            {
                TensorPrimitives.Max(seen, values[..seen.Length], seen);
                values = values[seen.Length..];
            }

            if (!values.IsEmpty)
            {
                Span<float> head = seen[..values.Length];
                TensorPrimitives.Max(head, values, head);
            }
        }

        public LayerStatistics Statistics(bool forward)
        {
            double? share = null;
            int[]? dead = null;
            if (forward && TracksDead && SawOutput)
            {
                Span<float> units = UnitMax;
                units.Fill(float.NegativeInfinity);
                for (int start = 0; start < MaxSeen.Length; start += units.Length)
                {
                    TensorPrimitives.Max(units, MaxSeen.AsSpan(start, units.Length), units);
                }

                var indices = new List<int>();
                for (int unit = 0; unit < units.Length; unit++)
                {
                    if (!(units[unit] > 0))
                    {
                        indices.Add(unit);
                    }
                }

                dead = [.. indices];
                share = (double)dead.Length / units.Length;
            }

            return new LayerStatistics(
                Info.Index,
                Info.Name,
                GradientCount > 0 ? NormSum / GradientCount : null,
                GradientCount > 0 ? MeanAbsSum / GradientCount : null,
                UpdateCount > 0 ? UpdateSum / UpdateCount : null,
                share,
                forward && SaturatedCount > 0 ? SaturatedSum / SaturatedCount : null,
                dead);
        }

        /// <summary>True for a prefix worth quoting (a name the user gave, a path inside a block); false for a bare module index of the nn.Sequential.</summary>
        private static bool IsNamed(string name) => !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
