"""Open-ended question linter for informational interviews.

``lint_question`` labels one question ``open``, ``closed`` or ``leading``, explains why, and for
closed and leading questions suggests an open rewrite built from the question's own words. It
also flags two problems that can sit on top of any label: a *double* question (two questions in
one) and a *job ask* (asking for a job outright, which an informational interview is not for).

The linter is a set of hand-written English patterns: deterministic, fast, offline, stdlib only.
It reads the shape of a question (how it starts, how it ends, a few loaded words); it does not
understand meaning. ``docs/linter.md`` lists the rules, the measured accuracy and the known
limitations. Run ``python -m prepguide.lint --evaluate FILE`` to measure it on a labelled TSV.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "FLAG_MESSAGES",
    "LABELS",
    "Evaluation",
    "Label",
    "LintResult",
    "evaluate",
    "format_line",
    "lint_lines",
    "lint_question",
    "load_labelled",
]

Label = Literal["open", "closed", "leading"]
LABELS: tuple[Label, ...] = ("open", "closed", "leading")

FLAG_DOUBLE = "double"
FLAG_JOB_ASK = "job-ask"
FLAG_MESSAGES: dict[str, str] = {
    FLAG_DOUBLE: "asks two questions at once; split it so each gets a full answer",
    FLAG_JOB_ASK: (
        "asks for a job outright; an informational interview is for learning, so ask how "
        "people get hired or who else to talk to instead"
    ),
}


@dataclass(frozen=True)
class LintResult:
    """The verdict on one question."""

    label: Label
    question: str
    rewrite: str | None
    reason: str
    flags: tuple[str, ...] = ()
    flag_messages: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------

_I = re.IGNORECASE

_PERSONAL = frozenset({"you", "i", "we", "they", "he", "she", "it", "there", "one"})
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "your",
        "my",
        "our",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "most",
        "many",
        "some",
        "all",
        "any",
        "every",
        "each",
        "no",
        "other",
        "few",
        "several",
        "both",
    ]
)
_VERBS = frozenset(
    [
        "work",
        "stay",
        "offer",
        "support",
        "use",
        "have",
        "need",
        "help",
        "hire",
        "pay",
        "require",
        "provide",
        "allow",
        "get",
        "make",
        "take",
        "give",
        "feel",
        "think",
        "like",
        "enjoy",
        "love",
        "prefer",
        "miss",
        "travel",
        "expect",
        "want",
        "plan",
        "see",
        "know",
        "look",
        "tend",
        "value",
        "care",
        "matter",
        "change",
        "affect",
        "mean",
        "lead",
        "let",
        "encourage",
        "promote",
        "train",
        "mentor",
        "cover",
        "fund",
        "learn",
        "burn",
        "go",
        "come",
        "leave",
        "move",
        "start",
        "end",
        "spend",
        "earn",
        "seem",
        "find",
        "keep",
        "run",
        "manage",
        "report",
        "do",
        "say",
        "try",
        "ask",
        "believe",
        "regret",
        "hate",
        "teach",
        "study",
        "write",
        "build",
        "grow",
        "hold",
        "meet",
        "lose",
        "win",
        "cost",
        "last",
        "apply",
        "accept",
        "reject",
        "treat",
        "serve",
        "sell",
        "buy",
        "deal",
        "handle",
        "invest",
        "focus",
        "rely",
        "depend",
        "struggle",
        "succeed",
        "fail",
        "interview",
        "negotiate",
        "volunteer",
        "collaborate",
        "communicate",
        "measure",
        "track",
        "review",
        "approve",
        "decide",
        "choose",
        "pick",
        "recommend",
        "suggest",
        "consider",
        "involve",
        "include",
        "push",
        "bother",
        "annoy",
        "frustrate",
        "worry",
        "stress",
        "switch",
        "quit",
        "retire",
        "transfer",
        "relocate",
        "commute",
        "code",
        "program",
        "fire",
        "sponsor",
        "match",
        "share",
        "publish",
        "present",
        "supervise",
        "outsource",
        "tell",
        "show",
        "turn",
        "put",
        "bring",
        "become",
        "remain",
        "open",
        "close",
        "set",
        "hear",
        "listen",
        "talk",
        "speak",
        "call",
        "visit",
        "shadow",
        "join",
        "attend",
        "advise",
        "coach",
        "partner",
        "compete",
        "charge",
        "bill",
        "watch",
        "notice",
        "understand",
        "agree",
        "fit",
        "belong",
        "connect",
        "network",
        "earn",
        "outgrow",
        "recruit",
        "reward",
        "respect",
        "trust",
        "prepare",
        "practice",
        "practise",
        "specialize",
        "specialise",
        "cope",
        "adapt",
        "thrive",
        "survive",
        "burnout",
        "outnumber",
        "dominate",
        "favor",
        "favour",
        "prioritize",
        "prioritise",
        "ignore",
        "expect",
        "resent",
        "dislike",
        "look",
        "ruin",
        "kill",
        "hurt",
        "damage",
        "limit",
        "destroy",
        "wreck",
        "drain",
        "outweigh",
        "beat",
        "pay",
        "off",
        "replace",
        "overwork",
        "underpay",
        "exploit",
        "undervalue",
        "ignore",
        "block",
        "favour",
        "hold",
        "back",
    ]
)
_DIFFICULTY = frozenset(["hard", "difficult", "easy", "tough", "challenging", "demanding"])
_IMPORTANCE = frozenset(
    [
        "important",
        "essential",
        "necessary",
        "required",
        "needed",
        "crucial",
        "key",
        "critical",
        "useful",
        "helpful",
        "valuable",
        "vital",
        "mandatory",
    ]
)
_POSSIBILITY = frozenset(["possible", "realistic", "feasible", "doable", "achievable"])
_COMMONNESS = frozenset(
    ["common", "normal", "typical", "usual", "rare", "unusual", "standard", "popular"]
)
_FEELING = frozenset(
    [
        "happy",
        "satisfied",
        "glad",
        "pleased",
        "content",
        "excited",
        "worried",
        "nervous",
        "comfortable",
        "confident",
        "scared",
        "afraid",
        "anxious",
        "disappointed",
        "surprised",
        "proud",
        "sad",
        "sorry",
        "relieved",
        "stressed",
        "bored",
        "frustrated",
        "fulfilled",
        "thrilled",
    ]
)
_EVALUATIVE = frozenset(
    [
        "good",
        "bad",
        "great",
        "stressful",
        "predictable",
        "competitive",
        "flexible",
        "stable",
        "secure",
        "fulfilling",
        "rewarding",
        "satisfying",
        "busy",
        "paid",
        "well-paid",
        "formal",
        "casual",
        "fun",
        "interesting",
        "boring",
        "fast-paced",
        "collaborative",
        "supportive",
        "remote",
        "hybrid",
        "diverse",
        "hierarchical",
        "political",
        "toxic",
        "exhausting",
        "terrible",
        "awful",
        "brutal",
        "lonely",
        "risky",
        "safe",
        "worthwhile",
        "enjoyable",
        "intense",
        "strict",
        "structured",
        "chaotic",
        "tiring",
        "oversaturated",
        "saturated",
        "crowded",
        "steady",
        "nice",
        "friendly",
        "welcoming",
        "different",
        "similar",
        "horrible",
        "miserable",
        "amazing",
        "wonderful",
        "awesome",
        "fantastic",
        "incredible",
        "grueling",
        "gruelling",
        "draining",
        "thankless",
        "cutthroat",
        "cut-throat",
        "dull",
        "slow",
        "fast",
        "tedious",
        "lucrative",
    ]
)
_COMPARATIVES = frozenset(
    [
        "easier",
        "harder",
        "better",
        "worse",
        "tougher",
        "longer",
        "shorter",
        "bigger",
        "smaller",
        "faster",
        "slower",
        "higher",
        "lower",
        "more",
        "less",
        "busier",
        "calmer",
        "safer",
        "riskier",
    ]
)
_BE_ADJECTIVES = (
    _DIFFICULTY | _IMPORTANCE | _POSSIBILITY | _COMMONNESS | _EVALUATIVE | _COMPARATIVES
) | frozenset({"worth", "true", "ok", "okay", "fine", "available", "open", "growing"})
_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "on",
        "about",
        "for",
        "with",
        "from",
        "to",
        "of",
        "by",
        "into",
        "over",
        "under",
        "through",
        "within",
        "across",
        "among",
        "between",
        "during",
        "after",
        "before",
        "since",
        "around",
        "here",
        "there",
    ]
)
_PREDICATE_STARTERS = (
    frozenset(
        [
            "the",
            "a",
            "an",
            "just",
            "really",
            "so",
            "too",
            "very",
            "more",
            "most",
            "less",
            "mostly",
            "mainly",
            "only",
            "always",
            "usually",
            "often",
            "still",
            "also",
            "all",
            "any",
            "kind",
            "sort",
            "actually",
            "simply",
            "basically",
            "literally",
            "merely",
            "pretty",
            "quite",
            "rather",
            "supposed",
            "going",
            "meant",
            "worth",
            "like",
            "better",
            "worse",
            "best",
            "worst",
        ]
    )
    | (_PREPOSITIONS - {"here", "there"})
    | _EVALUATIVE
    | _DIFFICULTY
    | _IMPORTANCE
)
_INTENSIFIERS = re.compile(
    r"\b(?:pretty|really|incredibly|totally|extremely|super|truly|absolutely|definitely|"
    r"obviously|clearly|surely|certainly|honestly|so(?=\s+(?:much\s+)?\w+(?:er|ly)?\b(?!\s+that))"
    r"|such(?=\s+an?\b))\s+",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Patterns: leading questions
# ---------------------------------------------------------------------------------------------

_NEG_AUX = (
    r"(?:don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|won'?t|wouldn'?t|shouldn'?t|"
    r"couldn'?t|can'?t|haven'?t|hasn'?t|hadn'?t|mustn'?t|ain'?t)"
)
_NEG_START = re.compile(
    rf"^{_NEG_AUX}\s+(?!(?:get|worry|hesitate|forget|mind|take|let|be|go|feel\s+free|hold|stop|"
    r"wait|panic|rush|assume|expect)\b)\S",
    _I,
)
_NOT_START = re.compile(
    r"^(?:do|does|did|is|are|was|were|would|will|could|can|should|have|has)\s+(?:you|it|that|"
    r"this|they|we|he|she|there)\s+not\b",
    _I,
)
_TAG_WORD = re.compile(
    r"(?:,|\s[-–—])\s*(?:right|correct|yes|no|yeah|yep|huh|eh|true|agreed|surely|"
    r"isn'?t\s+that\s+(?:so|right|true)|am\s+i\s+(?:right|wrong)|don'?t\s+you\s+(?:think|agree)|"
    r"wouldn'?t\s+you\s+(?:say|agree)|you\s+know)$",
    _I,
)
_TAG_AUX = re.compile(
    r",\s*(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|must|might|"
    r"shall|may|am|wo|ca|ai)(?:n'?t)?(?:\s+not)?\s+(?:it|you|they|he|she|we|i|that|there|this|"
    r"those|these|one)$",
    _I,
)
_TAG_NEG_BARE = re.compile(
    r"\s(?:isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|wasn'?t|weren'?t|won'?t|wouldn'?t|haven'?t|"
    r"hasn'?t|can'?t|couldn'?t|shouldn'?t)\s+(?:it|you|they|he|she|we|i|that|there|this|those|"
    r"these)$",
    _I,
)
_STRONG_MARKER = re.compile(
    r"^(?:surely|obviously|clearly|of\s+course|naturally|undoubtedly|unquestionably|evidently|"
    r"no\s+doubt|needless\s+to\s+say|every(?:one|body)\s+knows|(?:as\s+)?we\s+all\s+know|"
    r"as\s+every(?:one|body)\s+knows|it'?s\s+obvious|it\s+is\s+obvious|given\s+how|"
    r"you\s+must|it\s+must|that\s+must|you'?d\s+(?:have\s+to\s+)?agree|you\s+would\s+agree|"
    r"you'?ll\s+agree|you\s+will\s+agree|you\s+agree|you\s+(?:surely|obviously|clearly|"
    r"definitely|certainly))\b",
    _I,
)
_WEAK_MARKER = re.compile(
    r"^(?:i\s+assume|i'?m\s+assuming|i\s+am\s+assuming|i\s+imagine|i'?d\s+imagine|i\s+bet|"
    r"i'?ll\s+bet|i'?m\s+betting|i'?m\s+guessing|i\s+am\s+guessing|i'?d\s+guess|i\s+suppose|"
    r"i\s+take\s+it|i'?m\s+sure|i\s+am\s+sure|i'?m\s+certain|i\s+expect|i\s+presume|"
    r"presumably|my\s+guess\s+is|you\s+probably|you'?re\s+probably|you'?ve\s+probably|"
    r"you'?d\s+probably)\b",
    _I,
)
_AGREE = re.compile(
    r"\b(?:wouldn'?t|don'?t|won'?t|would|do|will)\s+you\s+(?:not\s+)?agree\b",
    _I,
)
_LOADED_ADJ = (
    r"great|amazing|awesome|wonderful|fantastic|incredible|terrible|awful|horrible|horrendous|"
    r"miserable|brutal|toxic|exhausting|frustrating|boring|depressing|dreadful|soul-crushing|"
    r"thankless|pointless|unbearable|insane|crazy"
)
_LOADED_HOW = re.compile(
    rf"^how\s+(?:{_LOADED_ADJ})\s+(?:is|was|are|were|must|has|does|do)\b",
    _I,
)
_LOADED_HOW_MUCH = re.compile(
    r"^how\s+much\s+do\s+(?:you|people)\s+(?:hate|love|dislike|resent|despise|loathe|regret)"
    r"\b",
    _I,
)
_WHY_ANYONE = re.compile(r"^why\s+(?:would|does|do|did|should|will)\s+(?:anyone|anybody)\b", _I)
_LOADED_SO = re.compile(
    rf"\bso\s+(?:much\s+)?(?:better|worse|{_LOADED_ADJ})\b|\bsuch\s+an?\s+(?:{_LOADED_ADJ})\b",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Patterns: open and closed
# ---------------------------------------------------------------------------------------------

_FILLER = re.compile(
    r"^(?:(?:so|and|but|also|ok|okay|well|now|then|finally|lastly|first|firstly|second|"
    r"secondly|next|plus|oh|hi|hey|thanks|thank\s+you|one\s+more\s+thing|one\s+last\s+thing|"
    r"last\s+question|quick\s+question|just\s+curious|out\s+of\s+curiosity|by\s+the\s+way|"
    r"honestly|personally|anyway|alright|all\s+right)\b[\s,:]*)+",
    _I,
)
_WH = re.compile(
    r"^(?:what|what's|whats|what're|how|how's|how're|hows|why|why's|which|who|who's|whom|whose|"
    r"to\s+what\s+extent|in\s+what\s+ways?|in\s+which\s+ways?|for\s+what|from\s+what|at\s+what|"
    r"on\s+what|by\s+what|with\s+what|with\s+whom|to\s+whom|for\s+whom)\b",
    _I,
)
_WH_PLACE_TIME = re.compile(
    r"^(?:when|where)(?:'s\b|\s+(?:do|does|did|is|are|was|were|would|could|can|should|will|"
    r"have|has|had|might|must|shall)\b)",
    _I,
)
_FIGURE = re.compile(r"^how\s+(?:many|much|long|often|old|far|big|large|soon)\b", _I)
_REQ_VERBS = (
    r"(?:tell|walk|talk|take\s+(?:me|us)|share|describe|explain|expand|elaborate|"
    r"say\s+(?:more|a\s+(?:bit|little|few\s+words))|speak|paint|outline|break\s+down|unpack|"
    r"recommend|suggest|point\s+(?:me|us)|offer|reflect|summari[sz]e|list|name|comment|"
    r"go\s+over|go\s+through|run\s+(?:me\s+|us\s+)?through|sketch|clarify|illustrate|"
    r"fill\s+(?:me|us)\s+in|show\s+(?:me|us)|"
    r"give\s+(?:me\s+|us\s+)?(?:a\s+|an\s+|some\s+|your\s+|any\s+)?(?:rough\s+|quick\s+|brief\s+|"
    r"general\s+|better\s+)?(?:sense|idea|overview|picture|example|examples|feel|flavou?r|"
    r"rundown|walkthrough|tour|breakdown|insight|insights|perspective|advice|tips?|pointers|"
    r"background|description|summary|view|thoughts|take|impression|glimpse|snapshot|taste)|"
    r"help\s+(?:me|us)\s+(?:to\s+)?(?:understand|see|think|figure|get\s+a|learn|make\s+sense|"
    r"picture|grasp))"
)
_REQUEST = re.compile(
    rf"^(?:could|can|will|might|would)\s+you\s+(?:please\s+|kindly\s+|possibly\s+|perhaps\s+|"
    rf"maybe\s+|also\s+|briefly\s+|quickly\s+|just\s+|first\s+)*{_REQ_VERBS}\b",
    _I,
)
_REQUEST_WILLING = re.compile(
    r"^(?:would|will|could)\s+you\s+(?:(?:be\s+(?:willing|able|open|happy|comfortable|up\s+for)"
    r"|mind|care)\s+)(?:to\s+)?(?:please\s+)?(?:tell|telling|walk|walking|talk|talking|share|"
    r"sharing|describe|describing|explain|explaining|expand|expanding|elaborate|elaborating|"
    r"say|saying|speak|speaking|take|taking|give|giving|go|going|run|running|outline|"
    r"outlining|paint|painting|reflect|reflecting|offer|offering|recommend|recommending|"
    r"suggest|suggesting)\b",
    _I,
)
_REQUEST_NOT = re.compile(
    r"^(?:would\s+you\s+(?:recommend|suggest)\b|would\s+you\s+describe\b.+\bas\s+\S+$)",
    _I,
)
_EMBEDDED_YESNO = re.compile(
    r"^(?:(?:could|can|would|will|might)\s+you\s+(?:please\s+)?)?(?:tell|let)\s+(?:me|us)"
    r"(?:\s+know)?\s+(?:if|whether)\b",
    _I,
)
_I_WONDER = re.compile(
    r"^i(?:'m|\s+am|\s+was)?\s+wonder(?:ing)?\s+(?:if|whether)\s+you\s+"
    r"(?:could|would|might|can|will)\s+",
    _I,
)
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:tell\s+(?:me|us)|describe|explain|walk\s+(?:me|us)|talk\s+(?:me|us)|"
    r"talk\s+(?:about|a\s+(?:bit|little))|take\s+(?:me|us)|share|paint|outline|say\s+more|"
    r"elaborate|expand|reflect|summari[sz]e|list|name|fill\s+(?:me|us)\s+in|"
    r"run\s+(?:me|us)\s+through|sketch|think\s+back|imagine|picture|compare|contrast|recall|"
    r"remind\s+(?:me|us)|teach\s+(?:me|us)|show\s+(?:me|us)|let'?s\s+talk|break\s+down|"
    r"help\s+(?:me|us)\s+(?:to\s+)?(?:understand|see|think|figure|learn|make\s+sense|picture)|"
    r"give\s+(?:me|us)\s+(?:a\s+|an\s+|some\s+|your\s+)?(?:rough\s+|quick\s+|brief\s+)?"
    r"(?:sense|idea|overview|picture|example|examples|feel|flavou?r|rundown|walkthrough|tour|"
    r"breakdown|insight|perspective|advice|tips?|pointers|background|summary|view|take))\b",
    _I,
)
_STATEMENT_OPEN = re.compile(
    r"^(?:(?:i'?d|i\s+would)\s+(?:love|like|be\s+(?:glad|happy|grateful|interested|curious))\s+"
    r"to\s+(?:hear|know|learn|understand|get|ask\s+about)|"
    r"(?:i'?m|i\s+am)\s+(?:really\s+|very\s+|so\s+)?(?:curious|interested|keen|eager)|"
    r"(?:i'?m|i\s+am|i\s+was|i)\s+(?:wondering|wonder)\s+(?:how|what|why|where|which|who|about)|"
    r"i'?d\s+(?:be\s+interested|appreciate|welcome|value)|"
    r"i\s+(?:want|wanted|hope|hoped)\s+to\s+(?:hear|understand|know|learn|ask\s+about)|"
    r"(?:curious|interested)\s+(?:how|what|why|about|to)|(?:your\s+)?thoughts\s+on)\b",
    _I,
)
_STATEMENT_YESNO = re.compile(
    r"^(?:i|curious|interested)\b.{0,40}?\b(?:know|hear|learn|curious|interested|wondering|"
    r"wonder|understand)\s+(?:if|whether)\b",
    _I,
)
_PERMISSION_OPEN = re.compile(
    r"^(?:can|could|may|might)\s+i\s+(?:also\s+|just\s+)?ask\s+(?:you\s+)?(?:what|how|why|"
    r"where|which|who|when|about)\b",
    _I,
)
_PERMISSION = re.compile(
    r"^(?:(?:can|could|may|might|shall)\s+i\b|"
    r"(?:would|will|is)\s+it\s+be\s+(?:ok|okay|alright|all\s+right|fine|acceptable|possible|"
    r"a\s+problem|appropriate|helpful)\s+(?:if\s+i|for\s+me\s+to|to)\b|"
    r"is\s+it\s+(?:ok|okay|alright|all\s+right|fine|acceptable|appropriate)\s+"
    r"(?:if\s+i|for\s+me\s+to|to)\b|(?:do|would)\s+you\s+mind\s+if\b|"
    r"am\s+i\s+(?:allowed|permitted)\b)",
    _I,
)
_ANY = re.compile(r"^(?:got\s+)?(?:any|anything|anyone|anybody|anywhere)\b", _I)
_AUX = re.compile(
    r"^(?:do|does|did|is|are|was|were|am|have|has|had|can|could|will|would|should|shall|may|"
    r"might|must)\s+\S",
    _I,
)
_SUBORDINATE = re.compile(
    r"^(?:if|when|where|while|as|since|after|before|once|because|although|though|given|in|for|"
    r"looking|thinking|having|with|now|coming|besides|beyond|apart|other|outside|aside|from|at|"
    r"on|during|compared|considering|based|speaking|being|to|whether|unless|until|even)\b",
    _I,
)
_DECLARATIVE_CONFIRM = re.compile(
    r"^(?:you|you're|you've|you'd|you'll|it|it's|that|that's|there's|this|they|they're|we|"
    r"we're|i|i'm|i've|so)\b|\b(?:is|are|was|were|do|does|did|has|have|had|will|would|can)\b",
    _I,
)
_SECOND_QUESTION = re.compile(
    r",?\s+(?:and|or|but)\s+(?:do|does|did|is|are|was|were|would|could|can|should|will|have|has|"
    r"what|how|why|where|when|which|who)\s+(?:you|your|i|we|they|it|the|people|someone|that|"
    r"this|there|do|does|did|is|are|would|could|should|can|will)\b",
    _I,
)
_CLAUSE_SPLIT = re.compile(r"\s*(?:[,;:]|[.!?]+\s+|\s[-–—]+\s|—|–)\s*")
_STRIP_START = re.compile(r"^[\s¿¡\"'(\[*•·>-]*(?:\d+[.)]\s+)?")
_STRIP_END = re.compile(r"[\s?!.…\"')\]]+$")
_OR_OPTIONS = re.compile(r"\S\s+or\s+(?!not\b|so\b|two\b|more\b|less\b|whatever\b)\S", _I)

# ---------------------------------------------------------------------------------------------
# Patterns: flags
# ---------------------------------------------------------------------------------------------

_JOB_ASK = re.compile(
    r"\b(?:get|find|give|offer|land|hand)\s+me\s+(?:a|an|the|that|this|some)?\s*(?:\w+\s+){0,2}?"
    r"(?:job|position|role|internship|offer|placement|spot|opening)s?\b|"
    r"\b(?:are|is)\s+(?:you|you\s+guys|y'all|your\s+\w+(?:\s+\w+)?|the\s+\w+(?:\s+\w+)?|they|"
    r"[A-Z]\w+)\s+(?:currently\s+|still\s+|even\s+|actively\s+)?hiring\b|"
    r"\b(?:hire|recruit|sponsor)\s+me\b|"
    r"\brefer\s+me(?:\s+(?:for|to)\s+(?:\w+\s+){0,3}?(?:job|position|role|opening|internship|"
    r"vacancy)s?\b|\s*$)|"
    r"\b(?:give|write|offer)\s+me\s+a\s+referral\b|"
    r"\bput\s+(?:in\s+)?a\s+(?:good\s+)?word\s+(?:in\s+)?for\s+me\b|"
    r"\b(?:pass|forward|send)\s+(?:along\s+|on\s+)?my\s+(?:resume|résumé|cv|application)\b|"
    r"\b(?:jobs?|positions?|openings?|roles?|vacanc(?:y|ies))\s+(?:available\s+)?(?:for\s+me|"
    r"i\s+could|i\s+can|i\s+might)\b|"
    r"\b(?:can|could|may)\s+i\s+(?:come\s+)?work\s+for\s+you\b|"
    r"\bi(?:'d|\s+would)\s+(?:love|like)\s+to\s+work\s+for\s+you\b|"
    r"\b(?:put|get)\s+me\s+in\s+touch\s+with\s+(?:your|the)\s+(?:hiring\s+manager|recruiter)\b|"
    r"\b(?:introduce|connect)\s+me\s+(?:to|with)\s+(?:your|the)\s+(?:hiring\s+manager|recruiter)\b|"
    r"\bhelp\s+me\s+(?:get|find|land)\s+(?:a|an|the)\s+(?:job|position|role|internship)\b|"
    r"\bdo\s+you\s+have\s+(?:any\s+)?(?:jobs?|positions?|openings?|vacanc(?:y|ies))\b",
    _I,
)
_DOUBLE_JOIN = re.compile(
    r"(?:,|;)\s*(?:and|or|also|plus)\s+(?:also\s+)?(?:what|how|why|where|when|which|who)\b"
    r"(?:\s+\S+){2,}|"
    r"\b(?:and|or)\s+(?:also\s+)?(?:what|how|why|where|when|which|who)\b(?:\s+\S+){0,3}?\s+"
    r"(?:do|does|did|is|are|was|were|would|could|can|should|will|have|has|had|might|must)\s+"
    r"(?:you|your|i|we|they|it|the|people|someone|that|this)\b|"
    r"(?:,|;)?\s*\b(?:and|or)\s+(?:do|does|did|is|are|was|were|would|could|can|should|will|"
    r"have|has)\s+(?:you|your|they|it|i|we|that|this|there|the)\b(?:\s+\S+){1,}",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Small text helpers
# ---------------------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
    }
)


def _display(text: str) -> str:
    """The question as shown in output: one line, whitespace collapsed, no control chars."""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def _analysis_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


def _lw(word: str) -> str:
    return word.lower().strip(".,;:!?\"'()")


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([,?.!;:])", r"\1", text)
    text = re.sub(r"[?.!]+$", "", text)
    text = re.sub(r",\s*$", "", text)
    return text + "?"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _decap(text: str) -> str:
    if text[:2] == "I " or text[:2] == "I'":
        return text
    return text[:1].lower() + text[1:] if text else text


_IRREGULAR_BASE = {
    "be": "being",
    "see": "seeing",
    "die": "dying",
    "lie": "lying",
    "tie": "tying",
    "go": "going",
    "do": "doing",
    "quit": "quitting",
    "visit": "visiting",
    "offer": "offering",
    "bring": "bringing",
    "sing": "singing",
    "ring": "ringing",
    "string": "stringing",
    "spring": "springing",
    "swing": "swinging",
}
_IRREGULAR_PARTICIPLE = {
    "been": "being",
    "done": "doing",
    "had": "having",
    "made": "making",
    "taken": "taking",
    "seen": "seeing",
    "thought": "thinking",
    "found": "finding",
    "felt": "feeling",
    "gone": "going",
    "led": "leading",
    "taught": "teaching",
    "built": "building",
    "written": "writing",
    "spoken": "speaking",
    "given": "giving",
    "run": "running",
    "met": "meeting",
    "known": "knowing",
    "kept": "keeping",
    "left": "leaving",
    "heard": "hearing",
    "held": "holding",
    "sought": "seeking",
    "brought": "bringing",
    "won": "winning",
    "become": "becoming",
    "got": "getting",
    "gotten": "getting",
    "paid": "paying",
    "said": "saying",
    "sent": "sending",
    "spent": "spending",
    "begun": "beginning",
    "chosen": "choosing",
    "lost": "losing",
    "told": "telling",
    "sold": "selling",
    "grown": "growing",
    "put": "putting",
    "set": "setting",
    "cut": "cutting",
    "quit": "quitting",
    "read": "reading",
    "let": "letting",
    "understood": "understanding",
    "stood": "standing",
    "bought": "buying",
    "caught": "catching",
    "shown": "showing",
    "forgotten": "forgetting",
    "dealt": "dealing",
    "meant": "meaning",
    "learnt": "learning",
    "burnt": "burning",
    "worked": "working",
}


def _gerund(verb: str) -> str:
    """``start`` → ``starting``, ``move`` → ``moving``, ``get`` → ``getting``."""
    word = verb.lower()
    if word in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[word]
    if word.endswith("ing") and len(word) > 4:
        return word
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith(("ee", "oe", "ye")):
        return word + "ing"
    if word.endswith("e") and len(word) > 2:
        return word[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", word):
        return word + word[-1] + "ing"
    return word + "ing"


def _gerund_from_participle(word: str) -> str:
    """``regretted`` → ``regretting``, ``tried`` → ``trying``, ``left`` → ``leaving``."""
    lower = word.lower()
    if lower in _IRREGULAR_PARTICIPLE:
        return _IRREGULAR_PARTICIPLE[lower]
    if lower.endswith("ied"):
        return lower[:-3] + "ying"
    if lower.endswith("eed"):
        return lower[:-1] + "ing"
    if lower.endswith("ed"):
        return lower[:-2] + "ing"
    return _gerund(lower)


def _gerund_phrase(phrase: str) -> str:
    """Turn the first word of a verb phrase into its -ing form."""
    words = phrase.split()
    if not words:
        return phrase
    return " ".join([_gerund(words[0]), *words[1:]])


def _third_person(verb: str) -> str:
    word = verb.lower()
    special = {"have": "has", "do": "does", "go": "goes", "be": "is"}
    if word in special:
        return special[word]
    if re.search(r"(?:s|sh|ch|x|z|o)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def _split_np(words: Sequence[str], stop: Callable[[str], bool]) -> int:
    """How many of ``words`` form the subject noun phrase at the start."""
    return _split_np_found(words, stop)[0]


def _split_np_found(words: Sequence[str], stop: Callable[[str], bool]) -> tuple[int, bool]:
    """Like ``_split_np``, and whether a stop word actually marked the end."""
    if not words:
        return 0, False
    first = _lw(words[0])
    if first in _PERSONAL:
        return 1, True
    start = 1
    if len(words) > 3 and _lw(words[1]) == "of" and _lw(words[2]) in _DETERMINERS | {"them"}:
        # "most of your colleagues …": the noun after "of your" closes the phrase.
        start = 4 if _lw(words[2]) != "them" else 3
        if start < len(words) and not stop(_lw(words[start])):
            return start, True
    for index in range(start, min(len(words), 8)):
        if stop(_lw(words[index])):
            return index, True
    if first in _DETERMINERS and len(words) > 2:
        return 2, False
    return 1, False


def _is_verb(word: str) -> bool:
    return word in _VERBS


def _is_be_adjective(word: str) -> bool:
    return word in _BE_ADJECTIVES


def _is_adjective_like(word: str) -> bool:
    return bool(re.search(r"(?:able|ible|ful|ous|ive|less|ish|ical)$", word)) and len(word) > 5


def _is_predicate_start(word: str) -> bool:
    return word in _PREDICATE_STARTERS or word.endswith("est") or word.endswith("ly")


_CONTRACTIONS = [
    (re.compile(r"\bit's\b", _I), "it is"),
    (re.compile(r"\bthat's\b", _I), "that is"),
    (re.compile(r"\bthere's\b", _I), "there is"),
    (re.compile(r"\byou're\b", _I), "you are"),
    (re.compile(r"\byou've\b", _I), "you have"),
    (re.compile(r"\byou'd\b", _I), "you would"),
    (re.compile(r"\byou'll\b", _I), "you will"),
    (re.compile(r"\bthey're\b", _I), "they are"),
    (re.compile(r"\bwe're\b", _I), "we are"),
    (re.compile(r"\bI'm\b", _I), "I am"),
]


def _expand(text: str) -> str:
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def _soften(text: str) -> str:
    """Drop intensifiers that carry the asker's opinion ("pretty", "incredibly", "such")."""
    return " ".join(_INTENSIFIERS.sub("", text).split())


# ---------------------------------------------------------------------------------------------
# Analysis
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Clause:
    start: int
    text: str


def _clauses(body: str) -> list[_Clause]:
    clauses: list[_Clause] = []
    position = 0
    for match in _CLAUSE_SPLIT.finditer(body):
        piece = body[position : match.start()]
        if piece.strip():
            clauses.append(_Clause(position, piece))
        position = match.end()
    tail = body[position:]
    if tail.strip():
        clauses.append(_Clause(position, tail))
    return clauses


def _strip_filler(text: str) -> str:
    return _FILLER.sub("", text).strip()


def _has_open_wh_clause(clauses: Sequence[_Clause], after: int) -> bool:
    return any(_WH.match(_strip_filler(c.text)) for c in clauses[after + 1 :])


def _leading_reason(body: str, clauses: Sequence[_Clause]) -> str | None:
    first_word = _lw(body.split()[0]) if body.split() else ""
    if _TAG_WORD.search(body) or _TAG_AUX.search(body):
        return "a tag question (', right?') asks them to agree with you"
    if (
        _TAG_NEG_BARE.search(body)
        and not _WH.match(body)
        and not _AUX.match(body)
        and len(body.split()) >= 4
        and first_word not in {"when", "where"}
    ):
        return "a tag question ('…, isn't it?') asks them to agree with you"
    for index, clause in enumerate(clauses):
        text = _strip_filler(clause.text)
        if not text:
            continue
        if _NEG_START.match(text) or _NOT_START.match(text):
            word = text.split()[0]
            return f"a negative question ('{_cap(word)}…') presumes the answer"
        marker = _STRONG_MARKER.match(text)
        if marker:
            return f"'{marker.group(0).lower()}' presumes the answer"
        marker = _WEAK_MARKER.match(text)
        if marker and not _has_open_wh_clause(clauses, index):
            return f"'{marker.group(0).lower()}' states your assumption and asks them to confirm it"
    if _AGREE.search(body):
        return "asks them to agree with a view you state"
    head = _strip_filler(body)
    if _LOADED_HOW.match(head) or _LOADED_HOW_MUCH.match(head):
        return "the wording presumes how they feel"
    if _WHY_ANYONE.match(head):
        return "'why would anyone…' presumes the answer"
    loaded = _LOADED_SO.search(body)
    if loaded:
        return f"loaded wording ('{loaded.group(0).lower()}') presumes the answer"
    return None


@dataclass(frozen=True)
class _Head:
    kind: str
    start: int
    text: str


_OPEN_KINDS = {
    "wh": "a what/how/why question invites a full answer",
    "figure": "asks for a figure or a fact, not yes or no (a how/what question invites more)",
    "request": "a polite request that opens the floor",
    "imperative": "an invitation to talk ('Tell me…')",
    "statement": "an invitation to talk ('I'd love to hear…')",
    "permission-open": "asks permission, then an open question",
    "prompt": "not phrased as a question; nothing to flag",
    "unknown": "no English question pattern recognised; left as open",
    "empty": "no words to check",
}
_CLOSED_KINDS = {
    "yesno": "answerable with yes or no",
    "choice": "offers a choice between the options you give",
    "permission": "asks permission; answerable with yes or no",
    "embedded": "asks whether something is so; answerable with yes or no",
    "any": "answerable with yes or no ('Any advice?')",
    "confirm": "a statement with a question mark; they can only confirm or deny it",
    "job": "asks a favour they can only grant or refuse",
}


def _clause_kind(text: str) -> str | None:
    if not text:
        return None
    wonder = _I_WONDER.match(text)
    if wonder:
        text = "could you " + text[wonder.end() :]
    if _EMBEDDED_YESNO.match(text):
        return "embedded"
    if _FIGURE.match(text):
        return "figure"
    if _WH.match(text) or _WH_PLACE_TIME.match(text):
        return "wh"
    if (_REQUEST.match(text) or _REQUEST_WILLING.match(text)) and not _REQUEST_NOT.match(text):
        if re.search(r"\b(?:recommend|suggest)\b", text, _I) and _OR_OPTIONS.search(text):
            return "choice"
        return "request"
    if wonder:
        return "embedded"
    if _PERMISSION_OPEN.match(text):
        return "permission-open"
    if _PERMISSION.match(text):
        return "permission"
    if _EMBEDDED_YESNO.match(text) or _STATEMENT_YESNO.match(text):
        return "embedded"
    if _IMPERATIVE.match(text):
        return "imperative"
    if _STATEMENT_OPEN.match(text):
        return "statement"
    if _ANY.match(text):
        return "any"
    if _AUX.match(text):
        return "choice" if _OR_OPTIONS.search(text) and _choice_rewrite(text) else "yesno"
    if _SUBORDINATE.match(text):
        return "sub"
    return None


def _find_head(body: str, clauses: Sequence[_Clause]) -> _Head:
    for clause in clauses:
        text = _strip_filler(clause.text)
        kind = _clause_kind(text)
        if kind is None or kind == "sub":
            continue
        offset = clause.start + (len(clause.text) - len(clause.text.lstrip()))
        filler = _FILLER.match(body[offset:])
        if filler:
            offset += filler.end()
        return _Head(kind, offset, body[offset:])
    return _Head("declarative", 0, _strip_filler(body))


def _wh_choice(body: str, clauses: Sequence[_Clause]) -> tuple[str, str] | None:
    """``Which do you prefer, A or B?`` → ``(A, B)``."""
    if len(clauses) < 2:
        return None
    first = _strip_filler(clauses[0].text)
    if not re.match(r"^(?:which|what|what's|who)\b", first, _I):
        return None
    last = clauses[-1].text.strip()
    if len(last.split()) > 8 or _WH.match(last) or _AUX.match(last):
        return None
    parts = re.split(r"\s+or\s+", last, maxsplit=1, flags=_I)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    option_a = re.sub(r"^(?:either|between)\s+", "", parts[0].strip(), flags=_I)
    return option_a, parts[1].strip()


# ---------------------------------------------------------------------------------------------
# Rewrites: closed questions
# ---------------------------------------------------------------------------------------------

_JOB_REWRITE = (
    "What would make someone like me a strong candidate for roles like the ones on your team?"
)


def _choice_rewrite(text: str) -> str | None:
    """Rewrites for yes/no questions that offer options ("A or B")."""
    match = re.match(
        r"^(?:is|was)\s+it\s+(?:better|best|smarter|wiser|easier)\s+(?:for\s+\S+(?:\s+\S+)?\s+)?"
        r"to\s+(?P<a>.+?)\s+or\s+(?:to\s+)?(?P<b>.+)$",
        text,
        _I,
    )
    if match:
        option_a, option_b = match["a"], match["b"]
        a_words = option_a.split()
        b_first = _lw(option_b.split()[0])
        if b_first in _DETERMINERS or option_b[:1].isupper():
            prep = a_words[1] if len(a_words) > 2 and _lw(a_words[1]) in _PREPOSITIONS else ""
            option_b = " ".join(w for w in (a_words[0], prep, option_b) if w)
        return (
            f"What are the trade-offs between {_gerund_phrase(option_a)} "
            f"and {_gerund_phrase(option_b)}?"
        )
    match = re.match(
        r"^should\s+(?:i|we)\s+(?P<a>.+?)\s+or\s+(?P<b>.+?)(?:\s+(?:first|next|now|instead))?$",
        text,
        _I,
    )
    if match:
        a_words = match["a"].split()
        option_b = match["b"]
        b_first = option_b.split()[0]
        if len(a_words) >= 2 and (_lw(b_first) in _DETERMINERS or b_first[:1].isupper()):
            verb = _gerund(a_words[0])
            return f"How would you weigh {verb} {' '.join(a_words[1:])} against {verb} {option_b}?"
        return (
            f"How would you weigh {_gerund_phrase(match['a'])} against {_gerund_phrase(option_b)}?"
        )
    match = re.match(
        r"^(?:would|do|did|will)\s+you\s+(?P<verb>recommend|prefer|suggest|choose|pick|advise)\s+"
        r"(?P<a>.+?)\s+or\s+(?P<b>.+)$",
        text,
        _I,
    )
    if match:
        if match["verb"].lower() in {"prefer", "choose", "pick"}:
            return f"How do {match['a']} and {match['b']} compare for you?"
        return f"How would you compare {match['a']} and {match['b']} for someone in my position?"
    match = re.match(
        r"^(?:is|are|was|were)\s+(?P<a>[\w'. +#-]+?)\s+or\s+(?P<b>[\w'.+#-]+(?:\s+[\w'.+#-]+)?)"
        r"\s+(?:more|less|better|worse|\w+er)\b\s*(?:\w+\s*)?(?P<rest>(?:\s*\b(?:on|in|at|for|"
        r"among|within|across|with)\b.*)?)$",
        text,
        _I,
    )
    if match:
        return f"How do {match['a']} and {match['b']} compare {match['rest']}"
    match = re.match(
        r"^(?:would\s+you\s+say\s+(?:that\s+)?)?(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+"
        r"(?:more\s+|mostly\s+|mainly\s+)?[\w-]+\s+or\s+(?:more\s+|mostly\s+)?[\w-]+$",
        text,
        _I,
    )
    if match and not re.match(r"^(?:is|are|was|were)\b", text, _I):
        return f"How would you describe {match['subj']}?"
    match = re.match(
        r"^(?P<be>is|are|was|were)\s+(?P<subj>.+?)\s+[\w-]+\s+or\s+[\w-]+$",
        text,
        _I,
    )
    if match:
        return f"How would you describe {match['subj']}?"
    return None


def _there_rewrite(be: str, rest: str) -> str:
    match = re.match(
        r"^(?P<pro>anything|something|anyone|anybody|someone|somebody|anywhere|somewhere|"
        r"any\s+way|a\s+way)(?P<else>\s+else)?\s*(?P<x>.*)$",
        rest,
        _I,
    )
    if match:
        pro = match["pro"].lower()
        wh = (
            "Who"
            if pro in {"anyone", "anybody", "someone", "somebody"}
            else "Where"
            if pro in {"anywhere", "somewhere"}
            else "How"
            if "way" in pro
            else "What"
        )
        extra = " else" if match["else"] else ""
        clause = match["x"].strip()
        clause = re.sub(r"^(?:that|which|who)\s+", "", clause, flags=_I)
        if wh == "How":
            clause = re.sub(r"^(?:to|for\s+me\s+to)\s+", "", clause, flags=_I)
            return f"How could someone {clause}?" if clause else "How could someone do that?"
        words = clause.split()
        if len(words) >= 2 and _lw(words[0]) in {"you", "i", "we"}:
            subj = words[0]
            second = _lw(words[1])
            if second in {"should", "could", "would", "can", "might", "must", "ought"}:
                return f"{wh}{extra} {second} {subj} {' '.join(words[2:])}?"
            if second in {"'d", "would"}:
                return f"{wh}{extra} would {subj} {' '.join(words[2:])}?"
            aux = "did" if words[1].endswith("ed") else "do"
            return f"{wh}{extra} {aux} {subj} {' '.join(words[1:])}?"
        if clause:
            return f"{wh}{extra} {clause}?"
        return f"{wh}{extra} would you add?"
    np = re.sub(
        r"^(?:a\s+lot\s+of|lots\s+of|plenty\s+of|a\s+good\s+deal\s+of|many|much|any|some|a|an|"
        r"enough)\s+",
        "",
        rest,
        flags=_I,
    )
    relative = re.match(
        r"^(?P<noun>[\w'-]+(?:\s+[\w'-]+)?)\s+(?:that\s+)?(?P<subj>you|I)\s*"
        r"(?P<modal>'d|would|should|could|can|might)\s+(?P<x>.+)$",
        np,
        _I,
    )
    if relative:
        modal = "would" if relative["modal"].lower() == "'d" else relative["modal"].lower()
        return f"What {relative['noun']} {modal} {relative['subj']} {relative['x']}?"
    first = _lw(np.split()[0]) if np.split() else ""
    article = "" if first in _DETERMINERS else "the "
    return f"What can you tell me about {article}{np}?"


def _it_adj_rewrite(be: str, rest: str) -> str | None:
    past = be.lower() == "was"
    match = re.match(
        r"^it\s+(?:fair|accurate|right|true|safe)\s+to\s+(?:say|assume)\s+(?:that\s+)?(?P<x>.+)$",
        rest,
        _I,
    )
    if match:
        return _claim_rewrite(match["x"])
    match = re.match(
        r"^it\s+(?P<adj>[\w-]+)\s+(?:for\s+(?P<who>\S+(?:\s+\S+)?)\s+)?to\s+(?P<x>.+)$",
        rest,
        _I,
    )
    if match:
        adj = match["adj"].lower()
        who = f" for {match['who']}" if match["who"] else ""
        action = match["x"]
        if adj in _DIFFICULTY:
            verb = "made" if past else "makes"
            return f"What {verb} it easier or harder{who} to {action}?"
        if adj in _POSSIBILITY:
            return f"What {'did' if past else 'would'} it take{who} to {action}?"
        if adj in {"worth", "worthwhile", "wise", "smart", "better", "best"}:
            return f"How would you weigh the option{who} to {action}?"
        return f"How {adj} {'was' if past else 'is'} it{who} to {action}?"
    match = re.match(r"^it\s+(?:true|the\s+case)\s+(?:that\s+)?(?P<x>.+)$", rest, _I)
    if match:
        return f"What is your view on whether {match['x']}?"
    match = re.match(
        r"^it\s+(?:fair|accurate|right|true|safe)\s+to\s+(?:say|assume)\s+(?:that\s+)?(?P<x>.+)$",
        rest,
        _I,
    )
    if match:
        return _claim_rewrite(match["x"])
    return None


def _be_rewrite(be: str, rest: str) -> str:
    lower_be = be.lower()
    past = lower_be in {"was", "were"}
    first = _lw(rest.split()[0]) if rest.split() else ""
    if first == "there":
        return _there_rewrite(be, rest.split(maxsplit=1)[1] if len(rest.split()) > 1 else "")
    if first == "it":
        rewritten = _it_adj_rewrite(be, rest)
        if rewritten:
            return rewritten
    if first in {"you", "i", "we"}:
        feel = re.match(
            r"^(?P<subj>you|i|we)\s+(?:(?:still|really|ever|now|currently|generally|usually)\s+)?"
            r"(?P<adj>[\w-]+)(?:\s+(?:with|about|in|by|of|at)\s+(?P<x>.+)|\s+(?P<when>(?:when|after|"
            r"before|during|while|that|to)\s+.+))?$",
            rest,
            _I,
        )
        if feel and feel["adj"].lower() in _FEELING:
            subj = feel["subj"]
            aux = "did" if past else "do"
            if feel["x"]:
                return f"How {aux} {subj} feel about {feel['x']}?"
            if feel["when"]:
                clause = feel["when"]
                if clause.lower().startswith("that "):
                    return f"How {aux} {subj} feel about the fact {clause}?"
                if clause.lower().startswith("to "):
                    return f"How {aux} {subj} feel about the chance {clause}?"
                return f"How did {subj} feel {clause}?"
            return (
                f"How {aux} {subj} feel about {'how things went' if past else 'where you are now'}?"
            )
        interest = re.match(
            r"^you\s+(?:(?:always|still|really|ever|now|currently|also)\s+)?interested\s+in\s+"
            r"(?P<x>.+)$",
            rest,
            _I,
        )
        if interest:
            if past:
                return f"How did your interest in {interest['x']} develop?"
            return f"What draws you to {interest['x']}?"
        remainder = " ".join(rest.split()[1:])
        remainder = re.sub(
            r"^(?:still|really|ever|now|currently|also|always|usually)\s+", "", remainder, flags=_I
        )
        tense = "was" if past else "is"
        return f"What {tense} it like being {remainder}?" if remainder else "What is that like?"
    expected = re.match(
        r"^(?P<subj>.+?)\s+what\s+(?P<who>you|I|we)\s+(?:had\s+)?expected\b", rest, _I
    )
    if expected:
        return f"How did {expected['subj']} compare with what {expected['who']} expected?"
    words = rest.split()
    size = _split_np(words, _is_be_adjective)
    inner_det = next((i for i in range(1, size) if _lw(words[i]) in {"a", "an", "the"}), None)
    if inner_det is not None and 0 < size < len(words):
        subj = " ".join(words[:inner_det])
        adj = _lw(words[size])
        predicate = [w for i, w in enumerate(words[inner_det:], inner_det) if i != size]
        if adj in _EVALUATIVE | _DIFFICULTY:
            return f"What {lower_be} {subj} like as {' '.join(predicate)}?"
        claim = " ".join([subj, lower_be, *words[inner_det:]])
        return f"What can you tell me about whether {claim}?"
    if 0 < size < len(words) and _lw(words[size]) in _BE_ADJECTIVES:
        subj = " ".join(words[:size])
        adj = _lw(words[size])
        after = " ".join(words[size + 1 :])
        if adj in _COMPARATIVES and re.match(r"^than\s+(?:you|i|we)\b", after, _I):
            who = after.split()[1]
            return f"How did {subj} compare with what {who} expected?"
        if adj in _IMPORTANCE:
            return f"How important {lower_be} {subj} {after}?"
        if adj in _DIFFICULTY:
            verb = "made" if past else "makes"
            return f"What {verb} {subj} easier or harder {after}?"
        if adj in _COMMONNESS:
            return f"How {adj} {lower_be} {subj} {after}?"
        if adj in _POSSIBILITY:
            return f"What would make {subj} possible {after}?"
        if adj == "worth":
            return f"What makes {subj} worth {after}, or not?"
        if adj in {"paid", "unpaid", "well-paid"}:
            return f"How does pay work for {subj} {after}?"
        if adj in {"true", "ok", "okay", "fine", "available", "open", "growing"}:
            return f"What can you tell me about whether {subj} {lower_be} {adj} {after}?"
        return f"What {lower_be} {subj} like {after}?"
    size, found = _split_np_found(words, _is_adjective_like)
    if found and 0 < size < len(words) and _is_adjective_like(_lw(words[size])):
        subj = " ".join(words[:size])
        adj = words[size]
        after = " ".join(words[size + 1 :])
        return f"How {adj} {lower_be} {subj} {after}?"
    size, found = _split_np_found(words, lambda w: w in {"the", "a", "an"} or w.endswith("ly"))
    if found and 0 < size < len(words):
        claim = " ".join([*words[:size], lower_be, *words[size:]])
        return f"What can you tell me about whether {claim}?"
    if len(words) >= 3 and re.match(
        r"^(?:most|many|some|all|few|none|several|half)\s+of\b", rest, _I
    ):
        size = _split_np(words, lambda w: False)
        claim = " ".join([*words[:size], lower_be, *words[size:]])
        return f"What can you tell me about whether {claim}?"
    return f"What can you tell me about {rest}?"


def _do_rewrite(aux: str, rest: str) -> str:
    lower_aux = aux.lower()
    words = rest.split()
    size = _split_np(words, _is_verb)
    subj = " ".join(words[:size])
    you = _lw(subj) in {"you", "i", "we"}
    after_words = words[size:]
    while after_words and _lw(after_words[0]) in {
        "ever",
        "still",
        "really",
        "usually",
        "also",
        "actually",
        "generally",
        "typically",
        "normally",
    }:
        after_words = after_words[1:]
    if not after_words:
        return f"What can you tell me about {rest}?"
    verb = _lw(after_words[0])
    tail = " ".join(after_words[1:])
    if verb == "think" and re.match(r"^(?:about|of)\s+", tail, _I):
        return f"How {lower_aux} {subj} think {tail}?"
    if verb in {"think", "believe", "reckon", "suppose", "expect", "agree"} and you and tail:
        claim = re.sub(r"^(?:that|with)\s+", "", tail, flags=_I)
        return _claim_rewrite(claim)
    if verb in {"like", "enjoy", "love"} and tail:
        return f"What {lower_aux} {subj} {verb} most about {tail}?"
    if verb == "miss" and tail:
        return f"What, if anything, {lower_aux} {subj} miss about {tail}?"
    if verb == "find" and re.match(r"^it\s+[\w-]+\s+(?:for\s+\S+\s+)?to\s+", tail, _I):
        rewritten = _it_adj_rewrite("was" if lower_aux == "did" else "is", tail)
        if rewritten:
            return rewritten
    if verb == "help" and tail:
        return f"What role {lower_aux} {subj} play in helping {tail}?"
    if verb in {"know"} and re.match(r"^(?:anyone|anybody|someone|somebody)\b", tail, _I):
        rest_of = " ".join(tail.split()[1:])
        return f"Who {lower_aux} {subj} know {rest_of}?"
    if verb in {"have", "need", "get", "want", "offer", "provide", "require", "recommend"}:
        match = re.match(
            r"^(?:(?P<det>any|some|a|an|many|much)\s+)?(?P<np>.+?)(?P<pp>\s+(?:for|to|in|on|at|"
            r"with|about|from|when|that|which|who|if|before|after|during|while|since|by|as)\b.*)?$",
            tail,
            _I,
        )
        if match and match["np"]:
            det = (match["det"] or "").lower()
            kind = "kind of " if det in {"a", "an"} else ""
            pp = match["pp"] or ""
            return f"What {kind}{match['np']} {lower_aux} {subj} {verb}{pp}?"
    quantity = re.search(r"\s*\b(?:much|a\s+lot(?:\s+of)?|often|frequently|many)\b", " " + tail, _I)
    if quantity and you:
        trimmed = re.sub(
            r"\s*\b(?:much|a\s+lot(?:\s+of)?|often|frequently|many)\b", "", " " + tail, flags=_I
        )
        return f"How often {lower_aux} {subj} {verb} {trimmed.strip()}?"
    gerund = _gerund(verb)
    if you:
        if lower_aux == "did":
            return f"What was your experience of {gerund} {tail}?"
        return f"What has your experience been with {gerund} {tail}?"
    if lower_aux == "do":
        return f"What shapes whether {subj} {verb} {tail}?"
    return f"How {lower_aux} {subj} approach {gerund} {tail}?"


def _have_rewrite(aux: str, rest: str) -> str:
    lower_aux = aux.lower()
    words = rest.split()
    size = _split_np(words, lambda w: w.endswith("ed") or w in _IRREGULAR_PARTICIPLE)
    subj = " ".join(words[:size])
    after = words[size:]
    while after and _lw(after[0]) in {"ever", "always", "never", "already", "recently", "really"}:
        after = after[1:]
    if not after:
        return f"What can you tell me about {rest}?"
    part = _lw(after[0])
    tail = " ".join(after[1:])
    tail = re.sub(r"\s+(?:before|yet|already|so\s+far)$", "", tail, flags=_I)
    you = _lw(subj) in {"you", "i", "we"}
    if part == "regretted" and tail:
        return f"How {'do' if lower_aux != 'had' else 'did'} {subj} feel now about {tail}?"
    if part == "considered" and tail:
        return f"How {lower_aux} {subj} thought about {tail}?"
    if part == "found" and you and len(tail.split()) >= 2:
        return f"How {lower_aux} {subj} found {' '.join(tail.split()[:-1])}?"
    if part == "worked" and tail:
        return f"What has your experience been working {tail}?"
    if part == "changed":
        return f"How, if at all, {lower_aux} {subj} changed {tail}?"
    if part == "been" and tail:
        tail_words = tail.split()
        if _lw(tail_words[0]) in _FEELING:
            return f"How {lower_aux} {subj} felt {' '.join(tail_words[1:])}?"
        if _lw(tail_words[0]).endswith("ing"):
            part, tail = _lw(tail_words[0]), " ".join(tail_words[1:])
            if you:
                return f"What has your experience been with {part} {tail}?"
    if part == "got" or part == "gotten":
        return f"What can you tell me about {tail}?"
    if you:
        return f"What has your experience been with {_gerund_from_participle(part)} {tail}?"
    return f"How, if at all, {lower_aux} {subj} {part} {tail}?"


def _modal_rewrite(modal: str, rest: str) -> str:
    lower = modal.lower()
    words = rest.split()
    first = _lw(words[0]) if words else ""
    if lower == "should" and first in {"i", "we"}:
        return f"How should {first if first == 'we' else 'I'} think about whether to {' '.join(words[1:])}?"
    if first == "it" and len(words) >= 3:
        match = re.match(
            r"^it\s+(?:make\s+sense|be\s+(?:wise|smart|sensible|better|best|a\s+good\s+idea|"
            r"worth\s+it|a\s+mistake)|help)\s+(?:for\s+(?:me|someone)\s+)?(?:to\s+|if\s+i\s+)"
            r"(?P<x>.+)$",
            rest,
            _I,
        )
        if match:
            return f"How would you weigh the option to {match['x']}?"
    if first == "you" and len(words) >= 2:
        verb = _lw(words[1])
        tail = " ".join(words[2:])
        be_open = re.match(
            r"^you\s+be\s+(?:open|willing|able|available|interested|up)\s+(?:to|for|in)\s+"
            r"(?P<x>.+)$",
            rest,
            _I,
        )
        if be_open:
            action = be_open["x"]
            action_words = action.split()
            if _lw(action_words[0]) in _VERBS:
                action = _gerund_phrase(action)
            return f"How would you feel about {action}?"
        if verb in {"recommend", "suggest", "advise"} and tail:
            return f"What would you tell someone considering {tail}?"
        if verb == "describe" and re.search(r"\bas\b", tail, _I):
            target = re.split(r"\s+as\s+", tail, maxsplit=1, flags=_I)[0]
            return f"How would you describe {target}?"
        if verb == "say" and tail:
            return _claim_rewrite(re.sub(r"^that\s+", "", tail, flags=_I))
        if verb == "put" and re.match(r"^me\s+in\s+touch\b", tail, _I):
            verb, tail = "connect", re.sub(r"^me\s+in\s+touch\s+", "me ", tail, flags=_I)
        if verb in {"introduce", "connect", "refer"} and tail:
            match = re.match(
                r"^(?:me\s+)?(?:to|with)\s+(?:someone|somebody|anyone|people)\s+(?P<pp>(?:on|in|at|"
                r"from|who)\b.+)$",
                tail,
                _I,
            )
            if match and _lw(match["pp"].split()[0]) == "who":
                return f"Who do you know {match['pp']}?"
            if match:
                return f"Who {match['pp']} would you suggest I talk to?"
            return "Who else would you suggest I talk to?"
        if re.search(r"\b(?:me|my|us|our)\b", tail, _I):
            return f"How would you feel about {_gerund(verb)} {tail}?"
        if lower in {"can", "could"}:
            return f"How much flexibility do you have to {' '.join(words[1:])}?"
        if lower in {"would", "will"}:
            return f"What would make you {' '.join(words[1:])}, or not?"
    if lower == "will" and len(words) >= 3:
        size = _split_np(words, lambda w: w in {"be", "have", "need", "get", "stay", "grow"})
        subj = " ".join(words[:size])
        after = words[size:]
        if after and _lw(after[0]) == "need" and len(after) > 1:
            return _do_rewrite("will", rest)
        if len(after) >= 2 and _lw(after[0]) == "be":
            return f"What is the outlook for {subj} {' '.join(after[1:])}?"
        return f"How likely is it that {subj} will {' '.join(after)}?"
    if lower in {"can", "could"} and words:
        size = _split_np(words, _is_verb)
        subj = " ".join(words[:size])
        return f"How could {subj} {' '.join(words[size:])}?"
    return f"How likely is it that {' '.join(words[:1])} {lower} {' '.join(words[1:])}?"


def _permission_rewrite(text: str) -> str:
    match = re.match(
        r"^(?:can|could|may|might)\s+i\s+ask\s+(?:you\s+)?(?:a\s+few|some|a\s+couple\s+of|"
        r"several|a|one|two|three)?\s*(?:more\s+|quick\s+|short\s+)?questions?\s+(?:about|on|"
        r"regarding)\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"What can you tell me about {match['x']}?"
    match = re.match(
        r"^(?:(?:would|will|is)\s+it\s+be\s+\w+(?:\s+\w+)?|is\s+it\s+\w+(?:\s+\w+)?|"
        r"(?:do|would)\s+you\s+mind)\s+if\s+i\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel if I {match['x']}?"
    match = re.match(
        r"^(?:(?:would|will|is)\s+it\s+be\s+\w+(?:\s+\w+)?|is\s+it\s+\w+(?:\s+\w+)?)\s+"
        r"(?:for\s+me\s+)?to\s+(?P<v>\S+)(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel about me {_gerund(match['v'])}{match['rest']}?"
    match = re.match(r"^(?:can|could|may|might|shall)\s+i\s+(?P<v>\S+)(?P<rest>.*)$", text, _I)
    if match:
        return f"How would you feel about me {_gerund(match['v'])}{match['rest']}?"
    return "What would be the best way for me to follow up with you?"


def _any_rewrite(text: str) -> str:
    text = re.sub(r"^got\s+", "", text, flags=_I)
    match = re.match(
        r"^any\s+chance\s+(?:that\s+)?I\s+(?:could|can|might|may)\s+(?P<v>\S+)(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        return f"How would you feel about me {_gerund(match['v'])}{match['rest']}?"
    match = re.match(
        r"^any\s+(?:other\s+|more\s+|final\s+|last\s+)?(?P<noun>advice|tips?|suggestions?|"
        r"pointers|recommendations?|resources|books|thoughts|ideas|words\s+of\s+wisdom)"
        r"(?P<rest>.*)$",
        text,
        _I,
    )
    if match:
        noun = match["noun"].lower()
        rest = match["rest"]
        if noun.startswith(("recommendation", "resource", "book")):
            return f"What {noun} would you recommend{rest}?"
        if noun in {"thoughts", "ideas"}:
            return f"What are your {noun}{rest}?"
        return f"What {noun} would you give{rest}?"
    match = re.match(r"^(?P<pro>anything|anyone|anybody|anywhere)(?P<rest>.*)$", text, _I)
    if match:
        return _there_rewrite("is", match["pro"] + match["rest"])
    topic = re.sub(r"^any\s+", "", text, flags=_I)
    return f"What can you tell me about {topic}?"


def _closed_rewrite(head: _Head, body: str, clauses: Sequence[_Clause]) -> str:
    text = _STRIP_END.sub("", head.text)
    wonder = _I_WONDER.match(text)
    if wonder:
        text = "could you " + text[wonder.end() :]
    if head.kind == "choice":
        options = _wh_choice(body, clauses)
        if options:
            verb_prefer = re.search(r"\b(?:prefer|enjoy|like)\b", body, _I)
            if verb_prefer:
                return f"How do {options[0]} and {options[1]} compare for you?"
            return f"How would you compare {options[0]} and {options[1]}?"
        choice = _choice_rewrite(text)
        if choice:
            return choice
    if head.kind == "permission":
        return _permission_rewrite(text)
    if head.kind == "any":
        return _any_rewrite(text)
    if head.kind == "embedded":
        match = re.search(r"\b(?:if|whether)\s+(?P<x>.+)$", text, _I)
        if match:
            return f"What can you tell me about whether {match['x']}?"
    match = re.match(
        r"^(?P<aux>do|does|did|is|are|was|were|am|have|has|had|can|could|will|would|should|"
        r"shall|may|might|must)\s+(?P<rest>.+)$",
        text,
        _I,
    )
    if match:
        aux = match["aux"].lower()
        rest = match["rest"]
        if aux in {"do", "does", "did"}:
            return _do_rewrite(aux, rest)
        if aux in {"is", "are", "was", "were", "am"}:
            return _be_rewrite(aux, rest)
        if aux in {"have", "has", "had"}:
            return _have_rewrite(aux, rest)
        return _modal_rewrite(aux, rest)
    if head.kind in {"confirm", "job"}:
        return _claim_rewrite(_expand(text))
    return _fallback_rewrite(text)


def _fallback_rewrite(text: str) -> str:
    words = [w for w in text.split() if _lw(w) not in _PERSONAL]
    topic = " ".join(words[-6:]) if words else ""
    if not topic:
        return "What can you tell me about that?"
    return f"What has your experience been with {topic}?"


# ---------------------------------------------------------------------------------------------
# Rewrites: leading questions
# ---------------------------------------------------------------------------------------------

_FEEL_VERBS = r"love|hate|enjoy|like|regret|miss|dislike|prefer|resent|adore|loathe"


def _claim_rewrite(claim: str) -> str:
    """Turn a presumed claim into a neutral open question."""
    claim = _soften(_expand(claim.strip()))
    claim = re.sub(r"^(?:that|just)\s+", "", claim, flags=_I)
    first = claim.split()[0] if claim.split() else ""
    if first[1:].islower() or (len(first) == 1 and first != "I"):
        claim = _decap(claim)
    if not claim:
        return "What is your view on that?"
    match = re.match(
        rf"^you\s+(?:(?:must|probably|surely|really|definitely|always|secretly|would)\s+)*"
        rf"(?P<v>{_FEEL_VERBS})s?\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do you feel about {match['x']}?"
    match = re.match(
        r"^you\s+(?:have|had)\s+never\s+(?P<part>regretted|missed|hated|doubted|disliked)\s+"
        r"(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do you feel now about {match['x']}?"
    match = re.match(
        r"^(?:nobody|no\s+one|everyone|everybody|people|most\s+people|anyone)\s+"
        rf"(?:{_FEEL_VERBS}|wants?|enjoys?|likes?|loves?|hates?)s?\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        return f"How do people feel about {match['x']}?"
    match = re.match(
        r"^you\s+are\s+(?:glad|happy|relieved|proud|thrilled|pleased)\s+(?:that\s+)?"
        r"(?P<x>you\s+.+)$",
        claim,
        _I,
    )
    if match:
        return f"What has it been like since {match['x']}?"
    match = re.match(
        r"^you\s+(?:must\s+be|are|would\s+be)\s+(?:feeling\s+)?(?P<adj>[\w-]+)\s+(?:of|about|with)\s+"
        r"(?P<x>.+)$",
        claim,
        _I,
    )
    if match and match["adj"].lower() in _FEELING:
        return f"How do you feel about {match['x']}?"
    match = re.match(r"^you\s+would\s+never\s+(?P<x>.+)$", claim, _I)
    if match:
        return f"What would it take for you to {match['x']}?"
    match = re.match(r"^you\s+must\s+have\s+(?P<part>\S+)\s*(?P<x>.*)$", claim, _I)
    if match:
        return f"What was it like {_gerund_from_participle(match['part'])} {match['x']}?"
    match = re.match(
        r"^(?:it|that)\s+(?:must|would|will)\s+(?P<be>be|have\s+been)\s+[\w-]+\s*(?P<x>.*)$",
        claim,
        _I,
    )
    if match:
        tense = "was" if match["be"].lower() != "be" else "is"
        return f"What {tense} it like {match['x']}?" if match["x"] else f"What {tense} that like?"
    match = re.match(r"^you\s+would\s+(?P<v>\S+)\s+(?P<x>.+)$", claim, _I)
    if match:
        verb = match["v"].lower()
        if verb in {"recommend", "suggest", "advise"}:
            return f"What would you tell someone considering {match['x']}?"
        return f"What would make you {verb} {match['x']}, or not?"
    match = re.match(
        r"^it\s+is\s+(?P<adj>impossible|possible|hard|difficult|easy|tough|unrealistic|"
        r"realistic)\s+(?:for\s+(?P<who>\S+(?:\s+\S+)?)\s+)?to\s+(?P<x>.+)$",
        claim,
        _I,
    )
    if match:
        who = f" for {match['who']}" if match["who"] else ""
        return f"What does it take{who} to {match['x']}?"
    match = re.match(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?:much\s+|far\s+|way\s+|a\s+lot\s+)?"
        r"(?P<comp>better|worse)(?:\s+than\s+(?P<other>.+))?$",
        claim,
        _I,
    )
    if match:
        other = match["other"] or "the alternatives"
        return f"How do you see {match['subj']} compared with {other}?"
    match = re.match(
        r"^(?P<subj>.+?)\s+(?P<be>is|are|was|were)\s+(?P<adj>[\w-]+)(?P<rest>(?:\s+(?:in|at|on|"
        r"for|now|these\s+days|today|here|there|with)\b.*)?)$",
        claim,
        _I,
    )
    if (
        match
        and match["adj"].lower() in (_EVALUATIVE | _DIFFICULTY)
        and _lw(match["subj"]) not in {"you", "i", "we", "it"}
    ):
        return f"What {match['be'].lower()} {match['subj']} like{match['rest']}?"
    if re.match(r"^you\b", claim, _I):
        claim = re.sub(r"^you\s+must\s+be\b", "you are", claim, flags=_I)
        claim = re.sub(r"^you\s+must\s+", "you ", claim, flags=_I)
        return f"What can you tell me about whether {claim}?"
    return f"What is your view on whether {claim}?"


def _invert_negative(text: str) -> str | None:
    """Rewrite a question that starts with a negative auxiliary ("Isn't…", "Don't you…")."""
    text = _soften(text)
    match = re.match(
        r"^(?:don'?t|didn'?t|do\s+you\s+not)\s+(?:you|we)\s+(?:really\s+|honestly\s+|also\s+)?"
        r"(?:think|believe|agree|suppose|reckon|say|worry|fear|expect|feel)\s+(?:that\s+)?"
        r"(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return _claim_rewrite(match["x"])
    match = re.match(r"^(?:don'?t|didn'?t)\s+you\s+find\s+it\s+[\w-]+\s+(?P<x>.+)$", text, _I)
    if match:
        return f"What is it like {match['x']}?"
    match = re.match(r"^(?:don'?t|didn'?t)\s+you\s+find\s+(?P<x>.+)\s+[\w-]+$", text, _I)
    if match:
        return f"How do you find {match['x']}?"
    match = re.match(
        r"^(?:doesn'?t|didn'?t|wouldn'?t|won'?t)\s+(?:it|that|this)\s+(?:ever\s+)?(?:bother|annoy|"
        r"frustrate|upset|worry|bug|concern|trouble|irritate|get\s+to|tire|wear\s+on)\s+you\s*"
        r"(?P<conj>that|when|how|to)?\s*(?P<x>.*)$",
        text,
        _I,
    )
    if match:
        conj = (match["conj"] or "").lower()
        clause = match["x"]
        if not clause:
            return "How do you feel about that?"
        if conj == "when":
            return f"How do you feel when {clause}?"
        if conj == "to":
            return f"How do you feel about having to {clause}?"
        return f"How do you feel about the fact that {clause}?"
    match = re.match(
        r"^(?:isn'?t|wasn'?t)\s+it\s+(?:true|obvious|clear|fair\s+to\s+say|the\s+case)\s+"
        r"(?:that\s+)?(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return _claim_rewrite(match["x"])
    match = re.match(
        r"^(?:wouldn'?t|won'?t|isn'?t)\s+it\s+be\s+(?:better|smarter|wiser|easier|best|safer|"
        r"quicker|cheaper|more\s+sensible|a\s+good\s+idea)\s+(?:for\s+(?:me|someone|us)\s+)?"
        r"to\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"How would you weigh the option to {match['x']}?"
    match = re.match(
        r"^(?:wouldn'?t|won'?t)\s+(?:i|someone|we|people)\s+be\s+better\s+off\s+(?P<x>.+)$",
        text,
        _I,
    )
    if match:
        return f"How would you weigh {match['x']} against the alternatives?"
    match = re.match(
        r"^(?:wouldn'?t|won'?t)\s+you\s+(?:say|agree)\s+(?:that\s+)?(?P<x>.+)$", text, _I
    )
    if match:
        return _claim_rewrite(match["x"])
    match = re.match(r"^(?P<neg>isn'?t|aren'?t|wasn'?t|weren'?t)\s+(?P<rest>.+)$", text, _I)
    if match:
        be = {"isn": "is", "aren": "are", "wasn": "was", "weren": "were"}[
            match["neg"].lower().replace("'", "").removesuffix("t").removesuffix("n") + "n"
        ]
        words = match["rest"].split()
        size = _split_np(words, _is_predicate_start)
        claim = " ".join([*words[:size], be, *words[size:]])
        claim = re.sub(r"\b(?:just|only|merely|simply)\s+", "", claim, flags=_I)
        return _claim_rewrite(claim)
    match = re.match(
        r"^(?P<neg>don'?t|doesn'?t|didn'?t|wouldn'?t|won'?t|shouldn'?t|couldn'?t|can'?t|"
        r"haven'?t|hasn'?t|hadn'?t|mustn'?t)\s+(?P<rest>.+)$",
        text,
        _I,
    )
    if match:
        neg = match["neg"].lower().replace("'", "")
        positive = {
            "dont": "",
            "doesnt": "",
            "didnt": "did",
            "wouldnt": "would",
            "wont": "will",
            "shouldnt": "should",
            "couldnt": "could",
            "cant": "can",
            "havent": "have",
            "hasnt": "has",
            "hadnt": "had",
            "mustnt": "must",
        }[neg]
        words = match["rest"].split()
        if neg in {"havent", "hasnt", "hadnt"}:
            size, found = _split_np_found(
                words, lambda w: w.endswith("ed") or w in _IRREGULAR_PARTICIPLE
            )
        else:
            size, found = _split_np_found(words, _is_verb)
        subj, after = words[:size], words[size:]
        if not after:
            return None
        if not found and neg in {"dont", "doesnt", "didnt"}:
            aux = {"dont": "do", "doesnt": "does", "didnt": "did"}[neg]
            return f"How, if at all, {aux} {' '.join(words)}?"
        if neg == "doesnt":
            after = [_third_person(after[0]), *after[1:]]
        parts = [*subj, positive, *after] if positive else [*subj, *after]
        return _claim_rewrite(" ".join(parts))
    return None


def _leading_rewrite(body: str, clauses: Sequence[_Clause]) -> str:
    core = body
    for pattern in (_TAG_WORD, _TAG_AUX, _TAG_NEG_BARE):
        core = pattern.sub("", core)
    core = core.strip().rstrip(",")
    # "What do you think, isn't X…?": the opener adds nothing, the inner clause carries it.
    opener = re.match(
        r"^(?:what\s+do\s+you\s+think|what'?s\s+your\s+(?:take|view|opinion)|be\s+honest|"
        r"honestly|tell\s+me|seriously|come\s+on|let'?s\s+be\s+honest)\s*[,:;-]+\s*",
        core,
        _I,
    )
    if opener:
        core = core[opener.end() :]
    core = _strip_filler(core)
    parts = _clauses(core)
    if (
        len(parts) > 1
        and _WH.match(_strip_filler(parts[0].text))
        and len(parts[0].text.split()) >= 4
        and not _LOADED_SO.search(parts[0].text)
        and not _LOADED_HOW.match(parts[0].text)
        and any(_NEG_START.match(_strip_filler(p.text)) for p in parts[1:])
    ):
        return parts[0].text.strip() + "?"
    for _ in range(3):
        stripped = re.sub(
            r"^(?:surely|obviously|clearly|of\s+course|naturally|undoubtedly|unquestionably|"
            r"evidently|no\s+doubt|needless\s+to\s+say|every(?:one|body)\s+knows(?:\s+that)?|"
            r"(?:as\s+)?we\s+all\s+know(?:\s+that)?|i\s+assume(?:\s+that)?|i'?m\s+assuming|"
            r"i\s+am\s+assuming|i\s+imagine|i'?d\s+imagine|i\s+bet|i'?ll\s+bet|i'?m\s+betting|"
            r"i'?m\s+guessing|i\s+am\s+guessing|i'?d\s+guess|i\s+suppose|i\s+take\s+it|"
            r"i'?m\s+sure|i\s+am\s+sure|i'?m\s+certain|i\s+expect|i\s+presume|presumably|"
            r"my\s+guess\s+is|it'?s\s+(?:obvious|clear)(?:\s+that)?|"
            r"it\s+is\s+(?:obvious|clear)(?:\s+that)?|"
            r"you'?d\s+(?:have\s+to\s+)?agree(?:\s+that)?|you\s+would\s+agree(?:\s+that)?|"
            r"you'?ll\s+agree(?:\s+that)?|you\s+will\s+agree(?:\s+that)?|"
            r"you\s+agree(?:\s+that)?|(?:do|would|will)\s+you\s+agree(?:\s+that|\s+with)?)"
            r"\b[\s,]*",
            "",
            core,
            flags=_I,
        )
        if stripped == core:
            break
        core = stripped
    core = re.sub(r"^(?:that)\s+", "", core, flags=_I)
    head = _strip_filler(core)
    if _LOADED_HOW_MUCH.match(head):
        match = re.match(r"^how\s+much\s+do\s+(?P<who>you|people)\s+\S+\s+(?P<x>.+)$", head, _I)
        if match:
            return f"How do {match['who'].lower()} feel about {match['x']}?"
    if _LOADED_HOW.match(head):
        match = re.match(r"^how\s+\S+\s+(?P<be>is|was|are|were)\s+it\s+(?P<x>.+)$", head, _I)
        if match:
            return f"What {match['be'].lower()} it like {_soften(match['x'])}?"
        match = re.match(
            r"^how\s+\S+\s+(?P<be>is|was|are|were)\s+(?P<subj>.+?)(?P<rest>\s+(?:when|while|"
            r"during|after|before|if|in|at|for|on|with)\b.*)?$",
            head,
            _I,
        )
        if match:
            rest = match["rest"] or ""
            return f"What {match['be'].lower()} {match['subj']} like{rest}?"
        return "What is that like for you?"
    match = re.match(
        r"^why\s+(?P<be>is|are|was|were)\s+(?P<subj>.+?)\s+(?:so\s+)?(?:much\s+)?(?:better|worse|"
        r"harder|easier)\s+than\s+(?P<other>.+)$",
        head,
        _I,
    )
    if match:
        verb = "does" if match["be"].lower() in {"is", "was"} else "do"
        return f"How {verb} {match['subj']} compare with {match['other']}?"
    match = re.match(
        r"^given\s+how\s+(?P<adj>[\w-]+)\s+(?P<subj>.+?)\s+(?P<be>is|are|was|were)\b", head, _I
    )
    if match:
        return f"What {match['be'].lower()} {match['subj']} like?"
    match = re.match(
        r"^why\s+(?:would|does|do|did|should|will)\s+(?:anyone|anybody)\s+(?P<x>.+)$", head, _I
    )
    if match:
        return f"What leads people to {match['x']}?"
    for clause in _clauses(head):
        text = _strip_filler(clause.text)
        if _NEG_START.match(text) or _NOT_START.match(text):
            rewritten = _invert_negative(head[clause.start :] if clause.start else text)
            if rewritten:
                return rewritten
            break
    if _WH.match(head) and not _LOADED_SO.search(head):
        return _soften(head) + "?"
    if _LOADED_SO.search(head) and _WH.match(head):
        return _soften(_LOADED_SO.sub(lambda m: m.group(0).split()[-1], head)) + "?"
    # Claim followed by ", so how…": neutralise the claim, keep it as the question.
    first = _clauses(head)
    claim = first[0].text if first and len(first) > 1 else head
    if _AUX.match(claim):
        return _closed_rewrite(_Head("yesno", 0, claim), claim, _clauses(claim))
    return _claim_rewrite(claim)


# ---------------------------------------------------------------------------------------------
# Flags
# ---------------------------------------------------------------------------------------------


def _flags(text: str, body: str) -> tuple[str, ...]:
    flags: list[str] = []
    segments = [s for s in re.split(r"\?+", text) if len(s.split()) >= 2]
    if len(segments) >= 2 or _DOUBLE_JOIN.search(body):
        flags.append(FLAG_DOUBLE)
    if _JOB_ASK.search(body):
        flags.append(FLAG_JOB_ASK)
    return tuple(flags)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def lint_question(text: str) -> LintResult:
    """Label one question ``open``, ``closed`` or ``leading`` and suggest an open rewrite."""
    shown = _display(text)
    analysed = _analysis_text(text)
    body = _STRIP_END.sub("", _STRIP_START.sub("", analysed))
    if not re.search(r"\w", body):
        return LintResult("open", shown, None, _OPEN_KINDS["empty"])
    flags = _flags(analysed, body)
    messages = tuple(FLAG_MESSAGES[f] for f in flags)
    clauses = _clauses(body)

    leading = _leading_reason(body, clauses)
    if leading is not None:
        rewrite = _finish(_leading_rewrite(body, clauses))
        return LintResult("leading", shown, rewrite, leading, flags, messages)

    head = _find_head(body, clauses)
    kind = head.kind
    if kind == "wh" and _wh_choice(body, clauses):
        kind = "choice"
    if kind == "declarative":
        has_question_mark = "?" in analysed
        if has_question_mark and _DECLARATIVE_CONFIRM.search(head.text):
            kind = "confirm"
        elif has_question_mark or not re.search(r"[A-Za-z]", body):
            kind = "unknown"
        else:
            kind = "prompt"
    if FLAG_JOB_ASK in flags and kind not in {"wh", "figure"}:
        kind = "job"

    if kind in _OPEN_KINDS:
        return LintResult("open", shown, None, _OPEN_KINDS[kind], flags, messages)

    if kind == "job":
        rewrite = _JOB_REWRITE
    else:
        head_text = re.split(r"\?", head.text, maxsplit=1)[0]
        head_text = re.split(_SECOND_QUESTION, head_text, maxsplit=1)[0]
        rewrite = _closed_rewrite(_Head(kind, head.start, head_text), body, clauses)
        preamble = body[: head.start].strip().rstrip(",;:").strip()
        preamble = _strip_filler(preamble)
        if preamble and _SUBORDINATE.match(preamble):
            rewrite = f"{preamble}, {_decap(rewrite)}"
    return LintResult("closed", shown, _finish(rewrite), _CLOSED_KINDS[kind], flags, messages)


def _finish(rewrite: str) -> str:
    return _cap(_tidy(rewrite))


def format_line(result: LintResult) -> str:
    """The ``prepguide lint-questions`` output line: ``label TAB question [TAB rewrite]``."""
    question = result.question.replace("\t", " ")
    if result.label == "open" or not result.rewrite:
        return f"{result.label}\t{question}"
    return f"{result.label}\t{question}\t{result.rewrite.replace(chr(9), ' ')}"


def lint_lines(lines: Iterable[str]) -> Iterator[str]:
    """Lint one question per line, skipping blank lines; yields output lines."""
    for line in lines:
        if line.strip():
            yield format_line(lint_question(line))


# ---------------------------------------------------------------------------------------------
# Evaluation on a labelled set
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """Accuracy and per-label precision/recall of the linter on a labelled set."""

    total: int
    correct: int
    precision: dict[str, float]
    recall: dict[str, float]
    support: dict[str, int]
    errors: tuple[tuple[str, str, str], ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_markdown(self) -> str:
        lines = [
            "| label | precision | recall | questions |",
            "|---|---|---|---|",
        ]
        for label in LABELS:
            lines.append(
                f"| {label} | {self.precision[label]:.3f} | {self.recall[label]:.3f} "
                f"| {self.support[label]} |"
            )
        lines.append(
            f"| **accuracy** | | **{self.accuracy:.3f}** ({self.correct}/{self.total}) "
            f"| {self.total} |"
        )
        return "\n".join(lines)


def load_labelled(path: Path | str, section: str | None = None) -> list[tuple[str, str]]:
    """Read ``label<TAB>question`` lines; blank lines and ``#`` comments are skipped.

    A comment ``# section: NAME`` starts a named part of the file; with ``section`` only the
    questions of that part are returned.
    """
    items: list[tuple[str, str]] = []
    current = ""
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        header = re.match(r"^#\s*section:\s*(\S+)", line)
        if header:
            current = header.group(1)
            continue
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, question = line.partition("\t")
        if not sep or label not in LABELS:
            raise ValueError(f"{path}:{number}: expected 'open|closed|leading<TAB>question'")
        if section is None or section == current:
            items.append((label, question))
    return items


def evaluate(items: Iterable[tuple[str, str]]) -> Evaluation:
    """Run the linter over labelled questions and measure it."""
    pairs = [(gold, lint_question(question).label, question) for gold, question in items]
    precision: dict[str, float] = {}
    recall: dict[str, float] = {}
    support: dict[str, int] = {}
    for label in LABELS:
        predicted = sum(1 for _, got, _ in pairs if got == label)
        actual = sum(1 for gold, _, _ in pairs if gold == label)
        hits = sum(1 for gold, got, _ in pairs if gold == got == label)
        precision[label] = hits / predicted if predicted else 0.0
        recall[label] = hits / actual if actual else 0.0
        support[label] = actual
    errors = tuple((gold, got, q) for gold, got, q in pairs if gold != got)
    correct = sum(1 for gold, got, _ in pairs if gold == got)
    return Evaluation(len(pairs), correct, precision, recall, support, errors)


def _main(argv: Sequence[str] | None = None) -> int:
    import argparse  # here: the build imports this module only to lint

    parser = argparse.ArgumentParser(
        prog="python -m prepguide.lint",
        description="Lint interview questions (one a line), or measure the linter on a "
        "labelled TSV with --evaluate.",
    )
    parser.add_argument("file", nargs="?", help="questions, one a line (default: stdin)")
    parser.add_argument(
        "--evaluate",
        metavar="TSV",
        help="print precision/recall per label on a label<TAB>question file, as Markdown",
    )
    parser.add_argument(
        "--section", help="with --evaluate, only the questions under '# section: NAME'"
    )
    parser.add_argument(
        "--errors", action="store_true", help="with --evaluate, also list the misses"
    )
    args = parser.parse_args(argv)
    if args.evaluate:
        try:
            items = load_labelled(args.evaluate, args.section)
            if not items:
                raise ValueError(
                    f"{args.evaluate}: no labelled questions (section {args.section!r})"
                )
            result = evaluate(items)
        except (OSError, ValueError) as exc:
            parser.exit(2, f"python -m prepguide.lint: error: {exc}\n")
        print(result.to_markdown())
        if args.errors:
            print()
            for gold, got, question in result.errors:
                print(f"{gold}\t{got}\t{question}")
        return 0
    try:
        if args.file:
            with open(args.file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            lines = sys.stdin.read().splitlines()
    except OSError as exc:
        parser.exit(2, f"python -m prepguide.lint: error: {exc}\n")
    for line in lint_lines(lines):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
