"""Compiled English patterns: leading, open and closed forms, and flags (see docs/linter.md)."""

from __future__ import annotations

import re

from .words import _JUDGING_NOUNS, _LOADED, _LOADED_ADVERBS, _REPORTERS, _WHY_PRESUMING

_I = re.IGNORECASE


_INTENSIFIERS = re.compile(
    r"\b(?:pretty|really|incredibly|totally|extremely|super|truly|absolutely|definitely|"
    r"obviously|clearly|surely|certainly|honestly|so(?=\s+(?:much\s+)?\w+(?:er|ly)?\b(?!\s+that))"
    r"|such(?=\s+an?\b))\s+",
    _I,
)


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
# Single-fact questions (docs/linter.md, "Fact questions"): a count, a length of time, a date, an
# amount of money or of something. They get a short answer, not a story, so they are closed.
# Not facts: "How often…" and "How much do you value…" (how common, how much it matters) and
# "How much of your time goes to…" (a balance): those invite an explanation.
_FACT = re.compile(
    r"^(?:how\s+many\b|how\s+long\b|how\s+old\b|how\s+far\b|how\s+soon\b|"
    r"how\s+(?:big|large)\s+(?:is|are|was|were)\b|"
    r"how\s+much\s+(?:time|money|overtime|notice|leave|vacation|holiday|pto|budget|funding|"
    r"debt|equity|salary|pay|tuition|travel(?:ling|ing)?)\b|"
    r"how\s+much\s+(?:do|does|did|would|will|can|could)\s+(?:\S+\s+){1,4}?(?:earn|make|cost|"
    r"charge|pay|spend|save|bill|get\s+paid)\b|"
    r"(?:what|which)\s+year\b|"
    r"when\s+did\s+(?:you|they|he|she|we|I)\s+(?:first\s+)?(?:start|begin|join|graduate|"
    r"qualify|leave|retire)\b|"
    r"what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:the|your|a)\s+(?:typical\s+|usual\s+|average\s+|"
    r"starting\s+|entry-level\s+|base\s+|current\s+|annual\s+)*(?:salary|salaries|pay|wage|"
    r"wages|rate|rates|(?:day|daily|hourly|weekly|monthly|billing|going|market|freelance|"
    r"contract|consulting)\s+rates?|budget|headcount|team\s+size|turnover\s+rate)\b"
    r"(?!.*\blike\b)|"
    # "Which language did you learn first?": a pick of one thing, a single fact.
    r"(?:which|what)\s+(?:[\w'-]+\s+){1,3}(?:did|do|does|would)\s+(?:you|they|he|she|we|I)\s+"
    r"(?:[\w'-]+\s+){1,3}?first\s*\??$)",
    _I,
)
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
    r"\bdo\s+you\s+have\s+(?:any\s+)?(?:jobs?|positions?|openings?|vacanc(?:y|ies))\b|"
    # "Are there openings on your team right now?": a job ask about the contact's own team.
    r"\b(?:are|is)\s+there\s+(?:any\s+|an?\s+)?(?:[\w-]+\s+){0,2}?(?:jobs?|positions?|openings?|"
    r"vacanc(?:y|ies)|roles?|opportunit(?:y|ies))\s+(?:open\s+|available\s+)?(?:(?:on|in|at|with)\s+"
    r"(?:your|you)\b|right\s+now\b|at\s+the\s+moment\b|currently\b)",
    _I,
)
_DASH_QUESTION = (
    r"(?=(?:or\s+)?(?:is|are|was|were|do|does|did|have|has|can|could|would|will|should|"
    r"isn'?t|aren'?t|don'?t|doesn'?t|didn'?t|wasn'?t|wouldn'?t|what|how|why|who|where|which)\s+"
    r"(?:it|that|this|you|they|there|the|your|we|i|people|so)\b(?:\s+\S+){1,})"
)
_DOUBLE_JOIN = re.compile(
    r"(?:,|;)\s*(?:and|or|also|plus)\s+(?:also\s+)?(?:what|how|why|where|when|which|who)\b"
    r"(?:\s+\S+){2,}|"
    r"\b(?:and|or)\s+(?:also\s+)?(?:what|how|why|where|when|which|who)\b(?:\s+\S+){0,3}?\s+"
    r"(?:do|does|did|is|are|was|were|would|could|can|should|will|have|has|had|might|must)\s+"
    r"(?:you|your|i|we|they|it|the|people|someone|that|this)\b|"
    r"(?:,|;)?\s*\b(?:and|or)\s+(?:do|does|did|is|are|was|were|would|could|can|should|will|"
    r"have|has)\s+(?:you|your|they|it|i|we|that|this|there|the)\b(?:\s+\S+){1,}|"
    r"(?:,|;)?\s*\b(?:and|or)\s+(?:don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|"
    r"wouldn'?t|won'?t|haven'?t|hasn'?t)\s+(?:you|your|they|it|i|we|that|this|there|the)\b"
    r"(?:\s+\S+){1,}|"
    # "Tell me about your role — isn't it mostly busywork?": a second question after a dash.
    rf"(?:\s[-–—]+\s*|\s*[—–]\s*){_DASH_QUESTION}",
    _I,
)
# Where a double question splits: a second question mark, or "and/or" before a second question.
_DOUBLE_SPLIT = re.compile(
    rf"\?+\s+|(?:\s[-–—]+\s*|\s*[—–]\s*){_DASH_QUESTION}|(?:,|;)\s*(?:and|or|also|plus)\s+(?=(?:also\s+)?(?:what|how|why|where|when|which|who|"
    r"do|does|did|is|are|was|were|would|could|can|should|will|have|has|don'?t|doesn'?t|didn'?t|"
    r"isn'?t|aren'?t|wasn'?t|weren'?t|wouldn'?t|won'?t|haven'?t|hasn'?t)\b)",
    _I,
)


# ---------------------------------------------------------------------------------------------
# Patterns: presumptions (docs/linter.md, "leading")
# ---------------------------------------------------------------------------------------------


def _alternation(words: frozenset[str]) -> str:
    longest_first = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)


_LOADED_WORDS = _alternation(_LOADED)
# "Is it fair to say…", "Am I right in thinking…", "Can we agree that…".
_PRESUMPTIVE = re.compile(
    r"^(?:(?:is|would)\s+it\s+(?:be\s+)?(?:fair|safe|accurate|right|correct)\s+to\s+"
    r"(?:say|assume|think|conclude)|it'?s\s+(?:fair|safe)\s+to\s+(?:say|assume)|"
    r"it\s+is\s+(?:fair|safe)\s+to\s+(?:say|assume)|"
    r"(?:am|was)\s+i\s+(?:right|wrong|correct)\s+(?:in|to)\s+\w+|"
    r"would\s+i\s+be\s+(?:right|wrong|correct)\s+(?:in|to)\s+\w+|"
    r"(?:can|could|shall)\s+we\s+agree)\b",
    _I,
)
# "Everyone says X…", "My friends keep telling me X…", "I keep hearing X…".
_REPORTED = re.compile(
    rf"^(?:(?:{_alternation(_REPORTERS)})\s+(?:always\s+|all\s+|keep\s+|kept\s+|often\s+)?"
    r"(?:says?|said|saying|tells?(?:\s+me)?|told\s+me|telling\s+me|claims?|claiming|warns?(?:\s+me)?|"
    r"warned\s+me|warning\s+me|insists?|think|thinks|believe|believes)|"
    r"i\s+(?:always|keep|kept|constantly|often)\s+(?:hear|hearing|read|reading)|"
    r"(?:the\s+)?word\s+is|rumou?r\s+has\s+it)\b",
    _I,
)
# A follow-up that asks them to judge the reported opinion is fair: "…; is that true?".
_REPORTED_CHECK = re.compile(
    r"^(?:is\s+(?:that|it|this)\s+(?:true|fair|accurate|right)|how\s+(?:true|accurate|fair)|"
    r"what'?s\s+your\s+(?:view|take|experience)|what\s+is\s+your\s+(?:view|take|experience))\b",
    _I,
)
# A judging adjective before a noun: "the terrible pay", "such a pointless process".
_LOADED_ATTRIBUTIVE = re.compile(
    r"\b(?:the|a|an|such(?:\s+an?)?|all\s+(?:the|those|that|this)|those|these|that|this|your|"
    r"their|his|her|its|so\s+much|so\s+many|all)\s+(?!most\b|least\b)(?:[\w-]+\s+)?"
    rf"(?P<word>{_LOADED_WORDS})\b",
    _I,
)
# "How much better / happier / more rewarding is…", "How relieved are you that…".
_HOW_MUCH_COMPARED = re.compile(
    r"^how\s+much\s+(?:more\s+[\w-]+|less\s+[\w-]+|better|worse|happier|easier|harder|"
    r"richer|calmer|saner|healthier|nicer|freer|[\w-]+ier)\b",
    _I,
)
_HOW_GLAD = re.compile(
    r"^how\s+(?:glad|relieved|thankful|grateful|happy|proud|lucky|pleased)\s+"
    r"(?:are|were|do|did)\s+you\s+(?:feel\s+)?(?:that|to)\b",
    _I,
)
# "Why is X so much more meaningful than Y?": the comparison is presumed.
_WHY_COMPARED = re.compile(
    r"^why\s+(?:is|are|was|were|does|do|did)\b(?:\s+\S+){1,8}?\s+(?:so\s+much\s+\S+|"
    r"(?:so\s+|much\s+|far\s+)?(?:more|less)\s+[\w-]+\s+than|"
    r"(?:so\s+|much\s+|far\s+)?(?!rather\b|other\b|under\b|over\b|ever\b|never\b|either\b|"
    r"whether\b|after\b|later\b|earlier\b)[\w-]+er\s+than)\b",
    _I,
)
_WHY_NOT = re.compile(r"^why\s+not\b", _I)
# "pay terribly", "ridiculously long hours": a judging adverb anywhere.
_LOADED_ADVERB = re.compile(rf"\b(?P<word>{_alternation(_LOADED_ADVERBS)})\b", _I)
# A judging word said of something: "was a mistake", "is a scam", "basically useless".
_JUDGING_PREDICATE = re.compile(
    r"(?:\b(?:is|are|was|were|been|being|it's|that's|isn't|aren't|wasn't)|(?<!\bto\s)\bbe)\s+"
    r"(?:(?:just|basically|mostly|really|all|only|simply|totally|a\s+bit|kind\s+of|such)\s+)*"
    r"(?:(?:a|an|the|one)\s+)?(?:(?:big|huge|total|complete|massive|real)\s+)?"
    rf"(?P<word>{_alternation(_JUDGING_NOUNS | _LOADED)})\b",
    _I,
)
# A judging word anywhere ("Why are recruiters so clueless about…?").
_ANY_LOADED = re.compile(rf"\b(?P<word>{_LOADED_WORDS})\b", _I)
# "What makes X so much more rewarding than Y?": a comparison presumed anywhere.
_SO_COMPARED = re.compile(
    r"\b(?:so\s+much|far|way|vastly|infinitely|massively)\s+(?:(?:more|less)\s+[\w-]+|"
    r"(?!rather\b|other\b|under\b|over\b|ever\b|never\b|either\b|whether\b|after\b|later\b|"
    r"earlier\b)[\w-]+er)\s+than\b",
    _I,
)
# "Since you obviously hate meetings": a presumption marker inside a clause.
_MID_MARKER = re.compile(
    r"\b(?:obviously|undoubtedly|evidently|of\s+course)\b|"
    r"\b(?:you|they|it|that|this|he|she|we|you're|it's|that's)\s+(?:clearly|surely)\b",
    _I,
)
# "Why is it that engineers never listen…?": a sweeping never/always in a why-question.
_SWEEPING = re.compile(
    r"^why\b(?!(?:\s+[\w'-]+){0,3}\s+(?:some|a\s+few|certain)\b)(?:\s+[\w'-]+){1,8}?\s+(?:never|always|no\s+longer\s+ever)\s+[\w-]+",
    _I,
)
# "Why do people fail at X — is it because…?": the asker suggests the answer.
_SUGGESTED_CAUSE = re.compile(
    r"^(?:or\s+)?(?:is|was|are|were)\s+(?:it|that|this)\s+(?:just\s+|mainly\s+|mostly\s+|"
    r"simply\s+)?(?:because|due\s+to|that)\b",
    _I,
)
# Words that presume the old situation was worse: "finally do work that actually matters".
_PRESUMING_WORDS = re.compile(
    r"\bfinally\s+(?:do|doing|get|getting|have|having|escape|escaping|leave|leaving|be|being|"
    r"got|escaped|left|found|find|finding|doing)\b|"
    r"\b(?:a\s+)?(?:job|work|career)\s+that\s+(?:actually\s+|really\s+|truly\s+)?matters\b|"
    r"\b(?:a|the)\s+real\s+(?:job|work|career)\b|\bcorporate\s+grind\b|\brat\s+race\b",
    _I,
)

_IRREGULAR_PAST = {
    "give": "gave|given",
    "sell": "sold",
    "throw": "threw|thrown",
    "run": "ran",
    "fight": "fought",
    "put": "put",
}


def _verb_forms(phrase: str) -> str:
    """ "look down on" → "(?:look|looks|looked|looking)\\s+down\\s+on" (regular forms)."""
    first, *rest = phrase.split()
    stem = first[:-1] if first.endswith("e") else first
    forms = {
        first,
        first + "s",
        stem + "ed",
        stem + "ing",
        first + "d" if first.endswith("e") else "",
    }
    if first.endswith("t") and first in {"put"}:
        forms.add("putting")
    forms |= set(_IRREGULAR_PAST.get(first, "").split("|"))
    alternation = "|".join(sorted(f for f in forms if f))
    return r"\s+".join([f"(?:{alternation})", *map(re.escape, rest)])


# "Why do doctors look down on nurses?", "Why did you give up on law?": the verb presumes it.
_WHY_PRESUMING_VERB = re.compile(
    r"^why\s+(?:do|does|did|would|will|are|is|were|was|have|has)\s+(?:[\w'-]+\s+){1,5}?"
    r"(?:(?:ever|so|even|just|all|still|often|always)\s+)?(?P<verb>"
    + "|".join(_verb_forms(p) for p in sorted(_WHY_PRESUMING, key=len, reverse=True))
    + r")\b",
    _I,
)
