# Exports the control-flow models of tests/pytorch-exported.test.ts with PyTorch's own ONNX exporter
# (torch.onnx.export of a TorchScript-scripted module, which turns Python `if` and `for` into ONNX If and
# Loop). Run with Debian's python3-torch: /usr/bin/python3 tests/pytorch-exported/export.py
# The .onnx files are committed, so the tests need no PyTorch; ONNX Runtime is their reference.
import os
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)


class SampleRateSwitch(nn.Module):
    """A voice-activity-style front end: 16 kHz audio takes the whole frame, 8 kHz audio the first half,
    so the branches differ in shape and only a bound sample rate makes the model static."""

    def __init__(self):
        super().__init__()
        self.wide = nn.Linear(16, 8)
        self.narrow = nn.Linear(8, 4)

    def forward(self, x: torch.Tensor, sr: torch.Tensor) -> torch.Tensor:
        if bool(sr == 16000):
            return torch.relu(self.wide(x))
        else:
            return torch.tanh(self.narrow(x[:, :8]))


class ScoreGate(nn.Module):
    """A wake-word-style head: the branch depends on a score computed from the input."""

    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(8, 8)
        self.bias = nn.Parameter(torch.randn(8))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.proj(x)
        if bool(h.mean() > 0.0):
            return h * 2.0 + self.bias
        else:
            return torch.sigmoid(h) - self.bias


class Recurrence(nn.Module):
    """An Elman recurrence over the time steps of x [T, batch, 6]: a Loop whose trip count is x's first
    dimension (Shape, Gather), a constant once shapes are static, reading x[t] in the body."""

    def __init__(self):
        super().__init__()
        self.inp = nn.Linear(6, 5)
        self.rec = nn.Linear(5, 5, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.zeros(x.size(1), 5)
        for t in range(x.size(0)):
            h = torch.tanh(self.inp(x[t]) + self.rec(h))
        return h


def export(model: nn.Module, args, names, outputs, file):
    scripted = torch.jit.script(model.eval())
    torch.onnx.export(scripted, args, os.path.join(HERE, file), input_names=names, output_names=outputs, opset_version=17)


export(SampleRateSwitch(), (torch.randn(1, 16), torch.tensor(16000)), ['x', 'sr'], ['y'], 'sample_rate_switch.onnx')
export(ScoreGate(), (torch.randn(1, 8),), ['x'], ['y'], 'score_gate.onnx')
export(Recurrence(), (torch.randn(4, 2, 6),), ['x'], ['h'], 'recurrence.onnx')
