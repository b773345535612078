"""Words that change what a cue means: negation, conditions, hedges, restrictions,
contrast (where a clause ends), and look-alikes that are no cue at all."""

from __future__ import annotations

import re

_I = re.I

# Intents kept only when nothing more actionable is in the reply.
WEAK_INTENTS = ("acknowledgement", "question")

NEGATION = re.compile(
    r"\b(?:not|n't|cannot|can't|cant|unable|never|won't|wont|no way|don't|dont|haven't|hasn't"
    r"|didn't|ne|n'|pas|impossible|jamais|aucun|nicht|kein|keine|keinen|nie|niemals|unmöglich"
    r"|no|nunca|imposible|ningún|niet|geen|nooit|onmogelijk|nichts|rien|nada|niets|nothing)\b"
    r"|n't\b",
    _I,
)
DISPUTE_IDIOMS = re.compile(r"\bsin falta\b|\bohne fehler\b|\bzonder fout\b", _I)
NEGATION_IDIOMS = re.compile(
    r"\b(?:not only|no problem|don't hesitate|do not hesitate|pas de (?:souci|problème)|n'hésitez "
    r"pas|ne pas hésiter|kein problem|zögern sie nicht|nicht nur|no dude|sin problema|no hay "
    r"problema|geen probleem|aarzel niet|niet alleen|no sólo|no solo|non seulement)\b",
    _I,
)
CONDITIONAL = re.compile(
    r"^\W*(?:if|in case|unless|should you|si|au cas où|wenn|falls|sofern|sollte[n]?|en caso de"
    r"|als|indien|mocht|tenzij|provided|providing|as long as|on condition that|assuming"
    r"|subject to|vorausgesetzt|unter der voraussetzung|à condition que|à condition d|pourvu que"
    r"|sous réserve|siempre que|siempre y cuando|con tal de que|a condición de|mits"
    r"|op voorwaarde dat|onder voorbehoud)\b"
    # "please re-issue it with our PO and we'll pay": a request first, then the payment
    r"|^\W*(?:please|kindly|pls|merci de|veuillez|bitte|por favor|le(?:s)? rogamos|graag|gelieve"
    r"|wilt u)\b[^.?!]{0,120}?(?:\band (?:then )?(?:we|i)\b|\bet (?:nous|je)\b"
    r"|\b(?:und|dann) (?:wir|ich|zahlen|überweisen|begleichen)\b|\by (?:le[s]? )?(?:pagaremos"
    r"|procederemos|abonaremos|transferiremos)\b|\b(?:dan|en) (?:wij|we|ik|betalen|maken|gaan)\b)"
    # asking leave anywhere in the clause: "we'd like to pay on Friday if that's OK"
    r"|\bif that'?s (?:ok|okay|alright|fine|acceptable)\b|\bif that (?:works|suits)\b"
    r"|\bsi (?:cela|ça) vous (?:convient|va)\b|\bwenn (?:das|es) (?:für sie )?(?:ok|okay"
    r"|in ordnung)\b|\bsi (?:les|le) (?:parece|va) bien\b|\bals dat (?:goed|akkoord|ok) is\b"
    # a habit anywhere in the clause: "wir zahlen normalerweise zum Monatsende"
    r"|\b(?:usually|normally|generally|typically|as a rule|habituellement|normalement"
    r"|normalerweise|üblicherweise|in der regel|normalmente|habitualmente|por lo general"
    r"|normaal gesproken|gewoonlijk|doorgaans)\b",
    _I,
)
# "once we receive the credit note": no promise, unless a date is given all the same.
UNTIL_CONDITION = re.compile(
    r"\b(?:once|as soon as|after we receive|upon receipt|only after"
    r"|not until|erst (?:nach|wenn)|dès "
    r"(?:que|réception)|une fois (?:que|reçu)|sobald|nach erhalt|en cuanto|cuando (?:recibamos"
    r"|tengamos)|una vez (?:que|recibid)|zodra|na ontvangst|pas (?:na|als|wanneer)|only when"
    r"|qu'après|seulement après|hasta que|solo cuando|sólo cuando)\b",
    _I,
)
# "we will pay when we can", "wir zahlen, wenn wir können": a condition after the verb.
TRAILING_CONDITION = re.compile(
    r"^\W{0,3}\s*(?:\S+\s+){0,3}?(?:when|if|once|as soon as|whenever|wenn|falls|sobald|quand"
    r"|lorsque|si|dès que|cuando|en cuanto|als|zodra|indien|wanneer)\b",
    _I,
)
# "once our customer pays, at the latest on 10 March": a deadline keeps the promise.
DEADLINE = re.compile(
    r"\b(?:at the (?:very )?latest|(?:no|not) later than|latest by|au plus tard|dernier délai"
    r"|pas plus tard que|nicht später als"
    r"|spätestens|allerspätestens|a más tardar|a mas tardar|como (?:muy )?tarde|lo más tarde"
    r"|uiterlijk|ten laatste|op zijn laatst)\b",
    _I,
)
# "Can we pay on Friday?", "¿Podemos pagar el viernes?": asked, not promised.
QUESTION_FORM = re.compile(
    r"^\W*(?:¿|(?:can|could|may|might|shall|should|would|will|do|does|did|is|are)\s+(?:we|i|you"
    r"|it|that|this)\b|(?:is|would) it (?:ok|okay|possible|alright|fine)\b|est-ce qu|peut-on"
    r"|pouvons-nous|pourrions-nous|puis-je|serait-il|est-il possible|(?:können|könnten|dürfen)"
    r" wir\b|(?:kann|darf|könnte) ich\b|wäre es\b|ist es möglich|(?:podemos|podríamos|puedo"
    r"|podría)\b|(?:kunnen|mogen|zouden) (?:we|wij)\b|(?:kan|mag) ik\b|is het mogelijk)"
    r"|\b[a-zà-ÿ]+-(?:t-)?(?:ils?|elles?|on|vous|nous)\b",  # "s'appliquent-ils ... ?"
    _I,
)
# "bevor wir zahlen", "before we pay": what must happen first, not a promise.
BEFORE = re.compile(
    r"\b(?:before|bevor|ehe|avant (?:de|que|d'|qu')|antes de|voordat|alvorens)\b", _I
)
# "we only pay for what was delivered": a condition on paying, not a promise.
RESTRICTION = re.compile(
    r"\b(?:only|nur|seulement|uniquement|solo|sólo|únicamente|alleen|enkel|slechts)\b", _I
)
HEDGE = re.compile(
    r"\b(?:hope|hopefully|hoping|try|trying|might|maybe|perhaps|possibly|not sure|espère|espérons"
    r"|essayer|essaierons|essayons|tenterons|peut-être|éventuellement|hoffe|hoffen|hoffentlich"
    r"|versuchen|vielleicht|eventuell|möglicherweise|espero|esperamos|intentaremos|intentar"
    r"|intentamos|quizás|quizá|tal vez|a lo mejor|hoop|hopen|hopelijk|proberen|misschien"
    r"|eventueel|wellicht|with (?:a bit of |some )?luck|if all goes well|depends|dépend"
    r"|avec un peu de chance|si tout va bien|mit etwas glück|mit glück|hängt davon ab"
    r"|wenn alles gut geht"
    r"|con suerte|con un poco de suerte|depende|si todo va bien|met wat geluk|als alles goed gaat"
    r"|hangt (?:er )?van af"
    # an answer promised, not a payment: "we'll get back to you by Friday about it"
    r"|get back to you|come back to you|let you know|revenir vers vous|reviendr\w* vers vous"
    r"|tiendr\w* au courant|melden uns|melde mich|geben ihnen bescheid|sagen ihnen bescheid"
    r"|le contestaremos|le diremos|le informaremos|le confirmaremos|laten u \w+ ?weten"
    r"|laten het u weten|kom(?:en)? (?:\w+ )?bij u terug"
    # asked, not promised: "we'd like to pay on Friday if that's OK"
    r"|if that'?s (?:ok|okay|alright|fine|acceptable)|if that (?:works|suits)|if you agree"
    r"|si (?:cela|ça) vous (?:convient|va)|wenn (?:das|es) (?:für sie )?(?:ok|okay|in ordnung)"
    r"|si (?:les|le) (?:parece|va) bien|als dat (?:goed|akkoord|ok) is"
    # a habit is no promise: "we usually pay suppliers on the 25th"
    r"|usually|normally|generally|typically|as a rule|d'habitude|habituellement|normalement"
    r"|en général|normalerweise|üblicherweise|in der regel|gewöhnlich|normalmente"
    r"|habitualmente|por lo general|normaal gesproken|gewoonlijk|doorgaans|meestal"
    # someone else is asked whether they can pay: "I'll ask accounting whether they can"
    r"|(?:ask|check|find out|see)\w*(?: \S+){0,4} (?:whether|if)|demand\w*(?: \S+){0,5} (?:si"
    r"|s[’']ils?)|vérifi\w*(?: \S+){0,3} si|(?:frag|nachfrag|klär|prüf|schau)\w*(?: \S+){0,4},?"
    r" ob|(?:pregunt|consult|verific|comprob)\w*(?: \S+){0,4} si|(?:vraag|vragen|navra\w*"
    r"|check\w*|kijk\w*|overleg\w*)(?: \S+){0,4} of)\b",
    _I,
)
# "will be paid by our head office": someone else pays, no promise from this customer.
SOMEONE_ELSE = re.compile(
    r"\b(?:by|door|par|von|por)\s+(?:our|the|their|het|de|onze|notre|la|le|leur|unsere[mn]?|der|dem"
    r"|nuestra|nuestro|el)\s+(?:head office|headquarters|parent(?: company)?|group|holding|insurer"
    r"|hoofdkantoor|moederbedrijf|moedermaatschappij|verzekeraar|siège|maison mère|groupe|assureur"
    r"|zentrale|mutterkonzern|muttergesellschaft|konzern|versicherung|casa matriz|matriz|central"
    r"|sede|aseguradora)\b",
    _I,
)
CONTRAST = re.compile(
    r"\s*(?:,\s*)?\b(?:but|however|although|whereas|mais|cependant|par contre|en revanche|aber"
    r"|jedoch|allerdings|wohingegen|pero|sin embargo|mientras que|maar|echter|terwijl)\b\s*",
    _I,
)

# "we never received the invoice" asks for a copy; it is no dispute about goods.
INVOICE_NOT_RECEIVED = re.compile(
    r"\b(?:invoices?|factures?|rechnung(?:en)?|facturas?|factuur|facturen)\b", _I
)
GOODS = re.compile(
    r"\b(?:goods|items?|delivery|parts|units|order|marchandises?|articles|livraison|commande"
    r"|ware|lieferung|teile|bestellung|mercancía|material|pedido|entrega|goederen|levering"
    r"|bestelling)\b",
    _I,
)

# "we paid, stop sending reminders" is a payment claim, not a request to opt out.
SOFT_OPT_OUT = re.compile(
    r"\b(?:stop (?:sending|emailing)|no more|arrêtez|plus de relances|keine weiteren|hören sie auf"
    r"|dejen de|stop met|geen (?:herinneringen|aanmaningen))\b",
    _I,
)

# A plan's shape ("half now, the rest end of May", "in three instalments"): a proposal,
# not a promise, even when one of its parts has a date.
PLAN_SHAPE = re.compile(
    r"\binstal(?:l)?ments?\b|\b(?:rest|remainder|what'?s left)\b.{0,40}\b(?:by|in|at|on"
    r"|next|over|later|end|once|when)\b|\bin (?:two|three|four|\d+) (?:parts|payments|goes)\b"
    r"|\bpayment plan\b|\b(?:monthly|weekly) (?:payments|chunks|amounts)\b"
    r"|\ben (?:deux|trois|quatre|\d+|plusieurs) (?:fois|versements|échéances|mensualités)\b"
    r"|\b(?:le|du) (?:reste|solde|restant)\b|\bmensualités\b|\braten\w*|\brest(?:betrag)?\b"
    r"|\bteilbeträg\w*|\bin (?:zwei|drei|vier|\d+) (?:teilen|tranchen)\b|\bplazos\b|\bcuotas\b"
    r"|\bel resto\b|\blo que (?:queda|resta)\b|\bla otra (?:parte|mitad)\b|\btermijnen\b"
    r"|\bde rest\b|\bresterende?\b|\brestant\w*|\bbetalingsregeling\b|\bin (?:twee|drie|vier"
    r"|\d+) (?:delen|termijnen|keer)\b",
    _I,
)
# "we never received the invoice": a document missing, no dispute about goods.
RECEIVE_WORDS = re.compile(
    r"\b(?:received|got|arrived|reached|reçue?s?|erhalten|bekommen|recibid[oa]s?|recibimos"
    r"|llegó|ontvangen|gekregen)\b",
    _I,
)
# "we can't find it / never got it, please resend": the invoice itself is missing.
DOCUMENT_MISSING = re.compile(
    r"\b(?:not|never|n't|nie|nicht|pas|jamais|no|nunca|niet|nooit|nergens)\b.{0,40}\b(?:received"
    r"|got|get|find|locate|trace|reached|reçue?s?|trouv\w+|erhalten|bekommen|vor|auffindbar"
    r"|finden|recibid[oa]s?|recibimos|encontr\w+|localiz\w+|ontvangen|gekregen|vinden"
    r"|terugvinden)\b|\bintrouvable\b|\bno record of\b|\bever reached\b",
    _I,
)
# "How much is each instalment?", "Wann ist die nächste Rate fällig?": an open question
# about a plan asks for information; "can we pay in instalments?" proposes one.
OPEN_QUESTION = re.compile(
    r"\b(?:what|how|which|when|where|who)\b|\b(?:quel(?:le)?s?|comment|combien|quand)\b"
    r"|\b(?:wie|welche[rsnm]?|wann|wieviel)\b|\b(?:qué|cómo|cuál(?:es)?|cuándo|cuánt[oa]s?"
    r"|dónde)\b|\b(?:hoe|wat|welke|wanneer|hoeveel)\b",
    _I,
)
PLAN_PROPOSAL = re.compile(
    r"\b(?:can|could|may|might|shall) (?:we|i)\b|\b(?:we|i)(?:'d| would| could| can| want"
    r"| propose| suggest| offer)\b|\bwould you (?:accept|agree|allow|consider)\b|\bpouvons-nous"
    r"|\bpourrions-nous|\bpeut-on\b|\bpuis-je\b|\b(?:nous|je|on) (?:pourrions|pouvons|peut"
    r"|pourrait|voudrions|proposons|souhait\w+)\b|\baccepteriez\b|\b(?:können|könnten|dürfen)"
    r" wir\b|\bwir (?:würden|möchten|könnten|schlagen|bieten)\b|\bkann man\b|\bwären sie\b"
    r"|\b(?:podemos|podríamos|proponemos|aceptarían|aceptaríais)\b|\bse puede\b|\bnos (?:permiten"
    r"|dejan)\b|\b(?:kunnen|mogen|zouden) (?:we|wij)\b|\bkan (?:ik|dat|het|dit)\b"
    r"|\b(?:wij|we) (?:stellen|willen|bieten)\b|\bgaat u akkoord\b",
    _I,
)
# "you've got the wrong company", "cette facture ne nous concerne pas", "unsere
# Schwesterfirma": the invoice reached the wrong addressee; a redirect, not a dispute.
WRONG_ADDRESSEE = re.compile(
    r"\bwrong (?:company|business|firm|entity|customer|client|addressee|recipient|person|contact"
    r"|department|branch)\b|\b(?:isn't|is not|aren't|are not|wasn't|was not) (?:meant )?for us\b"
    r"|\bnot (?:ours|our invoice)\b|\bsister (?:company|business|firm)\b"
    r"|\b(?:erreur|trompée?s?) de (?:destinataire|société|client|entreprise|interlocuteur)\b"
    r"|\bmauvais (?:destinataire|client|interlocuteur)\b|\bne nous (?:concerne|concernent) pas\b"
    r"|\bsociété sœur\b|\bnotre filiale\b"
    r"|\bfalsche[nr]? (?:firma|empfänger|kunden|ansprechpartner|gesellschaft)\b|\bin der firma"
    r" geirrt\b|\b(?:betrifft|betreffen) (?:uns nicht|nicht uns)\b|\bnicht für uns\b"
    r"|\bschwester(?:firma|gesellschaft|unternehmen)\b|\btochter(?:firma|gesellschaft)\b"
    r"|\bequivocado de (?:empresa|destinatario|cliente|persona)\b|\b(?:no es|no son) (?:nuestras?"
    r"|para nosotros)\b|\bno nos corresponden?\b|\bnuestra filial\b|\bempresa hermana\b"
    r"|\bverkeerde (?:geadresseerde|bedrijf|klant|persoon|afdeling|ontvanger)\b|\bniet (?:voor"
    r" ons|van ons|onze factuur)\b|\bzuster(?:bedrijf|onderneming)\b|\bdochter(?:bedrijf"
    r"|onderneming)\b",
    _I,
)
