# ruff: noqa: E501 - regex alternatives read better unwrapped
"""Words that signal each intent, in en, fr, de, es and nl (one pattern per intent).

Patterns are written from how people word these things in general, never from one
corpus text; the classifier covers the phrasings no pattern foresaw. They run on the
customer's own words with invoice numbers, amounts and dates masked.
"""

from __future__ import annotations

import re

from ar_collections_core.replies.cues_more import MORE_4

_I = re.I


def _compile(*parts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{part})" for part in parts), _I)


CUES: dict[str, re.Pattern] = {
    "promise_to_pay": _compile(
        # en
        r"\b(?:we|i|they)(?:'ll| will| shall| are going to| am going to| plan to| intend to"
        r"| expect to)\s+(?:\w+\s+){0,2}?(?:pay|settle|transfer|wire|remit|clear|process|release"
        r"|make (?:the |a |this )?payment|send (?:the |a |you )?(?:payment|money|funds|transfer))\b",
        r"\b(?:payment|transfer|remittance|it|this|the invoice|the balance|the amount|they)\s+"
        r"(?:\S+\s+){0,4}?(?:will|shall|should|is going to)\s+be\s+(?:paid|settled|made|sent|processed|released"
        r"|transferred|wired|scheduled|cleared|executed|done)\b",
        r"\b(?:is|are|has been|have been)\s+(?:now\s+)?(?:scheduled|approved|booked|planned|queued)"
        r"\s+(?:for\s+)?(?:payment|for our|in our|in the)",
        r"\b(?:payment|transfer) (?:is|has been|was) (?:now )?(?:scheduled|planned|booked|set up)\b"
        r"|\bscheduled (?:the |a |for )?payment\b|\b(?:next|upcoming|our) payment run\b",
        r"\byou(?:'ll| will| should)\s+(?:have|receive|get|see)\s+(?:the |your |our )?"
        r"(?:payment|money|funds|transfer)\b",
        r"\bpayment (?:is|goes|will go) out\b|\bpayment is planned\b|\bpromise to pay\b",
        # a present tense with a time to come: "paying it today", "ill send it tonight"
        r"\b(?:(?:i|we)(?:'m| am| are)?\s+|ill\s+)?(?:paying|sending|transferring|wiring|settling"
        r"|pay|send|transfer|wire|settle)\b(?:\s+\S+){0,4}?\s+(?:today|tonight|tomorrow"
        r"|this (?:afternoon|evening|morning)|later today|first thing)\b"
        r"|\bill (?:pay|send|transfer|wire|settle|sort)\b",
        # fr
        r"\b(?:nous|je|on)\s+(?:allons|vais|va|pensons|prévoyons de|comptons)\s+(?:vous\s+)?"
        r"(?:\w+\s+){0,2}?(?:régler|payer|procéder|effectuer|virer|verser|solder)",
        r"\b(?:réglerons|règlerons|paierons|payerons|virerons|verserons|solderons|procéderons|"
        r"effectuerons|réglons|payons|virons)\b",
        r"\b(?:sera|seront)\s+(?:\w+\s+){0,2}?(?:réglée?s?|payée?s?|virée?s?|effectuée?s?|versée?s?"
        r"|traitée?s?|soldée?s?|mise?s? en paiement)\b",
        r"\ble (?:paiement|règlement|virement|versement)\s+(?:\w+\s+){0,2}?(?:sera|partira|est prévu"
        r"|interviendra|est programmé|aura lieu|se fera)",
        r"\b(?:paiement|règlement|virement) (?:prévu|programmé|planifié)\b|\bmise en paiement\b",
        r"\bvous (?:recevrez|aurez)\s+(?:le |votre |notre )?(?:paiement|règlement|virement|fonds)",
        r"\b(?:je|on)\s+(?:vous\s+)?(?:paie|paye|règle|vire|verse|fais le (?:paiement|virement|règlement)"
        r"|lance le virement)\b(?:\s+\S+){0,4}?\s+(?:aujourd[’']hui|ce soir|cet après-midi|ce matin"
        r"|demain|dans la journée|lundi|mardi|mercredi|jeudi|vendredi)\b",
        # de
        r"\b(?:ich|wir)\s+(?:veranlasse|veranlassen|beauftrage|beauftragen) (?:die|eine|den)"
        r" (?:überweisung|zahlung|ausgleich)\b(?!.{0,30}\b(?:bereits|schon)\b)"
        r"|(?:^|[.!]\s*)(?:überweise|zahle|bezahle|begleiche)\b(?:\s+\S+){0,3}?\s+(?:heute"
        r"|morgen|übermorgen|montag|dienstag|mittwoch|donnerstag|freitag)\b",
        r"\bich\s+(?:zahle|bezahle|überweise|begleiche)\b"
        r"|\b(?:zahle|bezahle|überweise|begleiche) ich\b(?!.{0,30}\b(?:bereits|schon)\b)",
        r"\b(?:wir|ich)\s+(?:werden|wird|möchten|wollen)\s+(?:\S+\s+){0,8}?(?:bezahlen|zahlen|"
        r"überweisen|begleichen|anweisen|ausgleichen|veranlassen)\b",
        r"\b(?:werden|wird) (?:wir|ich)\b(?:\s+\S+){0,6}?\s+(?:bezahlen|zahlen|überweisen|begleichen"
        r"|anweisen|ausgleichen)\b",
        r"\b(?:wir|ich)\s+(?:bezahlen|zahlen|überweisen|begleichen|anweisen)\b"
        r"|\b(?:wir|ich) gleichen (?:\S+ ){0,5}?aus\b"
        r"|\b(?:bezahlen|zahlen|überweisen|begleichen|gleichen) (?:wir|ich)\b",
        r"\b(?:wird|werden)\s+(?:\S+\s+){0,8}?(?:bezahlt|überwiesen|beglichen|angewiesen|"
        r"ausgeglichen|ausgeführt|freigegeben)\b",
        r"\b(?:zahlung|überweisung)\s+(?:\S+\s+){0,3}?(?:erfolgt|geht|ist\s+(?:\S+\s+){0,3}?geplant"
        r"|ist\s+(?:\S+\s+){0,3}?vorgesehen|wird)\b|\bzahlungslauf\b|\bzur zahlung freigegeben\b",
        r"\berhalten sie (?:die |ihre |unsere )?(?:zahlung|überweisung)\b",
        # es
        r"\b(?:pagaremos|abonaremos|transferiremos|liquidaremos|saldaremos|ingresaremos"
        r"|realizaremos|haremos|efectuaremos|procederemos)\b",
        r"\b(?:vamos|voy) a\s+(?:\w+\s+){0,2}?(?:pagar|abonar|transferir|realizar|hacer|efectuar|"
        r"liquidar|saldar|ingresar)",
        r"\bse (?:pagar|abonar|transferir|liquidar|realizar|efectuar|har|enviar)(?:á|án)\b"
        r"|\b(?:sale|saldrá|sale hoy|se envía|enviaremos)\b.{0,25}\b(?:transferencia|pago)\b"
        r"|\b(?:transferencia|pago)\b.{0,25}\b(?:sale|saldrá)\b"
        r"|\bserá (?:pagada|abonada|liquidada|transferida|pagado|abonado)\b",
        r"\bel (?:pago|abono|ingreso)\s+(?:\w+\s+){0,2}?(?:se realizará|se hará|se efectuará|saldrá"
        r"|está programado|está previsto|será)",
        r"\brecibir(?:á|án|a) (?:el |su |nuestro )?(?:pago|abono|ingreso|transferencia)\b"
        r"|\b(?:pago|transferencia) programad[oa]\b",
        r"(?<!el )(?<!del )(?<!su )(?<!un )(?<!mi )\b(?:(?:se |te |les |lo |la |os )?(?:lo |la )?(?:pago"
        r"|abono|transfiero|ingreso|liquido)|pagamos|transferimos|abonamos|hago (?:el pago|la transferencia))"
        r"\b(?:\s+\S+){0,4}?\s+(?:hoy|esta (?:tarde|noche|mañana)|mañana|manana|el (?:lunes|martes"
        r"|miércoles|jueves|viernes))\b",
        # nl
        r"\b(?:wij|we|ik)\s+(?:zullen|gaan|zal|ga)\s+(?:\S+\s+){0,8}?(?:betalen|overmaken|voldoen"
        r"|overboeken|betaald)\b",
        # "maken" only as the separable "overmaken": "we maken het morgen over".
        r"\b(?:wij|we|ik)\s+(?:betalen|maken(?=.{0,40}\bover\b)|voldoen|boeken)\b"
        r"(?!.{0,30}\b(?:al|reeds)\b)"
        r"|\b(?:betalen|maken(?=.{0,40}\bover\b)|voldoen) (?:wij|we|ik)\b",
        r"\b(?:wordt|worden|zal|zullen)\s+(?:\S+\s+){0,8}?(?:betaald|overgemaakt|voldaan|"
        r"overgeboekt|uitgevoerd)\b(?!\s+(?:is|zijn))",
        r"\bik\s+(?:betaal|maak(?=.{0,40}\bover\b)|boek(?=.{0,40}\bover\b))\b(?!.{0,30}\b(?:al|reeds)\b)",
        r"\bbetaling\s+(?:\S+\s+){0,2}?(?:volgt|gaat|wordt|staat)\b|\bingepland\b|\bbetaalrun\b"
        r"|\bu ontvangt (?:de |uw |onze )?betaling\b",
    ),
    "paid_already": _compile(
        r"\b(?:already|have|has|had)\s+(?:\w+\s+){0,2}?(?:paid|settled|transferred|wired|remitted"
        r"|cleared|sent (?:the |a |you )?(?:payment|money|funds|transfer))\b",
        r"\b(?:payment|transfer|it|this|invoice|balance)\s+(?:\w+\s+){0,1}?(?:was|were|has been"
        r"|have been|went)\s+(?:\w+\s+){0,1}?(?:paid|made|sent|processed|released|executed|out"
        r"|settled|transferred|wired|cleared|remitted)\b",
        r"\b(?:we|i)\s+(?:\w+\s+)?(?:paid|settled|transferred|wired|remitted|sent the payment)\b",
        r"\bremittance(?: advice)?\b|\bproof of payment\b|\b(?:payment|transfer) confirmation\b"
        r"|\bpayment reference\b|\bwas paid\b|\b(?:is|are) (?:already |now |fully |all )?"
        r"(?:paid|settled)\b",
        r"\b(?:déjà|bien)\s+(?:été\s+)?(?:réglée?s?|payée?s?|virée?s?|versée?s?|soldée?s?)\b",
        r"\b(?:est|sont)\s+(?:\w+\s+){0,2}?(?:réglée?s?|payée?s?|soldée?s?|acquittée?s?)\b",
        r"\b(?:a|ont)\s+(?:\w+\s+){0,2}?été\s+(?:réglée?s?|payée?s?|virée?s?|effectuée?s?|soldée?s?"
        r"|versée?s?|émise?s?)\b",
        r"\b(?:avons|ai)\s+(?:\w+\s+){0,2}?(?:réglé|payé|viré|versé|soldé|effectué|procédé|émis)\b",
        r"\b(?:preuve|justificatif|avis|confirmation) de (?:paiement|virement|règlement)\b",
        r"\b(?:bereits|schon)\s+(?:\S+\s+){0,4}?(?:bezahlt|überwiesen|beglichen|gezahlt|angewiesen"
        r"|ausgeglichen)\b",
        r"\b(?:wurde|wurden|ist|sind)\s+(?:\S+\s+){0,4}?(?:bezahlt|überwiesen|beglichen|angewiesen"
        r"|ausgeglichen)\b(?!\s+werden)",
        r"\b(?:haben|habe)\s+(?:\S+\s+){0,5}?(?:bezahlt|überwiesen|beglichen|angewiesen|gezahlt"
        r"|ausgeglichen)\b",
        r"\bzahlungs(?:bestätigung|nachweis|beleg)\b|\büberweisungs(?:beleg|bestätigung|nachweis)\b"
        r"|\b(?:zahlung|überweisung) (?:ist|wurde) (?:\S+\s+){0,3}?(?:erfolgt|ausgeführt|veranlasst"
        r"|raus)\b",
        r"\b(?:ya\s+)?(?:hemos|he|han|ha)\s+(?:\S+\s+){0,1}?(?:pagado|abonado|transferido|liquidado"
        r"|saldado|realizado (?:el|la) (?:pago|transferencia|abono)|efectuado (?:el|la))",
        r"\b(?:fue|fueron|ha sido|han sido|está|están)\s+(?:\S+\s+)?(?:pagad[oa]s?|abonad[oa]s?"
        r"|transferid[oa]s?|liquidad[oa]s?|saldad[oa]s?)\b",
        r"\b(?:la transferencia|el pago|el abono|el ingreso) se (?:hizo|realizó|efectuó|envió|emitió)\b"
        r"|\bse (?:hizo|realizó|efectuó|envió) (?:la transferencia|el pago|el abono)\b"
        r"|\bya (?:pagamos|abonamos|transferimos|realizamos)\b|\b(?:pagamos|abonamos|transferimos)"
        r" (?:el|la|ayer|hace)\b|\b(?:justificante|comprobante) de (?:pago|transferencia)\b",
        r"\b(?:al|reeds)\s+(?:\S+\s+){0,4}?(?:betaald|overgemaakt|voldaan|overgeboekt)\b",
        r"\b(?:is|zijn|werd|werden)\s+(?:\S+\s+){0,4}?(?:betaald|overgemaakt|voldaan|overgeboekt)\b",
        r"\b(?:hebben|heb)\s+(?:\S+\s+){0,5}?(?:betaald|overgemaakt|voldaan|overgeboekt)\b",
        r"\bbetalingsbewijs\b|\bbewijs van betaling\b|\bbetaalbewijs\b",
        r"\b(?:overboeking|betaling|overschrijving)\s+(?:is|werd|zijn)\s+(?:\S+\s+){0,3}?(?:gedaan"
        r"|uitgevoerd|verstuurd|verzonden|verwerkt)\b",
    ),
    "dispute": _compile(
        r"\b(?:is|are|seems|looks|was)\s+(?:\w+\s+)?(?:wrong|incorrect|not correct|inaccurate"
        r"|too high|overstated)\b|\bincorrect(?:ly)?\b|\bwrong (?:amount|price|quantity|rate|vat"
        r"|invoice|tax|address|items?|product)\b",
        r"\bdisput\w*|\bcontest(?:ed|ing|s)?\b|\b(?:do not|don't|cannot|can't) agree\b|\bdisagree\b"
        r"|\bnot (?:as )?(?:agreed|quoted|ordered)\b|\bcomplain\w*|\bquery on\b|\bqueried\b",
        r"\bnever (?:received|ordered|got|arrived)\b|\b(?:not|never) (?:been )?(?:delivered|arrived"
        r"|performed|completed|done|installed)\b|\bmissing (?:items?|goods|parts|units|pieces)\b"
        r"|\b(?:damaged|defective|broken|faulty|poor quality|not working)\b",
        r"\bovercharg\w*|\b(?:charged|billed|invoiced) (?:us )?(?:twice|double|two times)\b"
        r"|\bduplicate\b|\balready (?:invoiced|billed|paid for)\b",
        r"\b(?:no|without(?: a| the| an?)?|missing(?: the| our| a)?)\s+(?:valid\s+)?(?:po|purchase order)\b"
        r"|\bpo (?:number )?(?:is )?missing\b",
        r"\b(?:refuse|won't|will not) (?:to )?pay\b|\bon hold (?:until|pending)\b|\breject\w* "
        r"(?:the |this |your )?invoice\b|\bcredit note\b|\bagreed (?:price|rate|amount)\b",
        r"\berron\w*|\berreur\b|\bincorrecte?s?\b|\binexacte?s?\b|\bcontest(?:ons|ez|e|é|ée|ation)\b|\blitige\b"
        r"|\bdésaccord\b|\bpas d'accord\b|\bréclamation\b",
        r"\bjamais (?:été )?(?:reçu|commandé|livré)\w*|\bn'(?:avons|ai) (?:\w+ )?pas (?:\w+ )?"
        r"(?:reçu|commandé) (?:les?|la|cette|ces|la totalité) (?:marchandise|pièces|articles|produits"
        r"|commande|livraison|prestation)|\bnon (?:reçue?s?|livrée?s?|conformes?)\b",
        r"\bmanqu\w+|\bendommag\w+|\bdéfectu\w+|\babîm\w+|\bcassée?s?\b|\bqualité\b",
        r"\bfacturée?s? deux fois\b|\ben double\b|\bdoublon\b|\bdéjà factur\w+",
        r"\b(?:sans|manque le|pas de) (?:bon|numéro) de commande\b|\bprix convenu\b|\b(?:un|votre|cet|notre|d'un)\s+avoir\b",
        r"\bfalsch\w*|\bfehlerhaft\w*|\bnicht korrekt\b|\bunrichtig\b|\bwiderspr\w+|\bbestreiten\b"
        r"|\breklam\w+|\bbeanstand\w+|\bnicht einverstanden\b|\bzurückgewiesen\b",
        r"\b(?:nicht|nie|keine)\s+(?!mehr\b)(?:\S+\s+){0,3}?(?:erhalten|geliefert|bestellt|erbracht|"
        r"durchgeführt)\b(?<!rechnung erhalten)|\bfehl(?:t|en|ende)\b|\bbeschädigt\w*|\bdefekt\w*"
        r"|\bmangelhaft\w*|\bmängel\b|\bqualität\b",
        r"\bdoppelt\b|\bzweimal (?:berechnet|in rechnung)\b|\bbereits berechnet\b"
        r"|\bohne (?:bestellnummer|bestellung|po)\b|\bbestellnummer fehlt\b|\bvereinbarten? preis\w*"
        r"|\bgutschrift\b",
        r"\bmal (?:el|la|los|las)\b|\bestán? mal\b|\bmal calculad[oa]s?\b"
        r"|\bincorrect[oa]s?\b|\berróne[oa]s?\b|\berror\b|\bequivocad[oa]s?\b|\bno estamos de acuerdo\b"
        r"|\bdisconformidad\b|\bdesacuerdo\b|\breclamaci\w+|\bimpugn\w+",
        r"\bnunca (?:recibimos|pedimos|llegó|llegaron)\b|\bno (?:hemos )?(?:recibido|pedido) (?:la "
        r"|el |los |las )?(?:mercancía|material|pedido|productos|artículos|servicio|entrega)"
        r"|\bfalta(?:n|ban)?\b|\bdañad[oa]s?\b|\bdefectuos[oa]s?\b|\broto?a?s?\b|\bcalidad\b",
        r"\bduplicad[oa]\b|\bdos veces\b|\bya facturad[oa]\b|\bsin (?:orden de compra|número de "
        r"pedido|pedido)\b|\bprecio acordado\b|\bnota de crédito\b|\brechaz\w+",
        r"\bonjuist\w*|\bfout(?:ief|ieve|en)?\b|\bverkeerde?\b|\bklopt niet\b|\bniet (?:correct|juist)\b"
        r"|\bbetwist\w*|\boneens\b|\bniet (?:mee )?eens\b|\bniet akkoord\b|\bbezwaar\b|\bklacht\b|\breclamatie\b",
        r"\bnooit (?:ontvangen|besteld|geleverd)\b|\bniet (?:\S+\s+){0,2}?(?:geleverd|besteld"
        r"|uitgevoerd)\b|\bontbre\w+|\bbeschadigd\b|\bdefect\b|\bkapot\b|\bkwaliteit\b",
        r"\bdubbel\b|\btwee keer (?:gefactureerd|berekend|in rekening)\b|\bal gefactureerd\b|\bzonder (?:inkoop)?(?:order|ordernummer|po)\b"
        r"|\bafgesproken prijs\b|\bcreditnota\b|\bgeweigerd\b",
    ),
    "request_document": _compile(
        r"\b(?:send|resend|re-send|forward|provide|share|email|mail)\s+(?:\w+\s+){0,3}?(?:copy|copies"
        r"|duplicate|pdf|statement|w-?9|bank details|banking details|delivery note|proof of delivery"
        r"|pod|invoices?|breakdown|timesheets?)\b",
        r"\bcopy of (?:the |your |this |that |our )?invoice\b|\bstatement of (?:account|our account)\b"
        r"|\baccount statement\b|\b(?:need|require|want|missing) (?:a |the )?(?:copy|copies|statement"
        r"|w-?9|bank details|pdf)\b",
        r"\b(?:not|never|didn't|did not|haven't|have not) (?:\w+\s+)?(?:received|got|get|seen) "
        r"(?:the |your |this |that |any |an |these )?invoices?\b|\bcan(?:'t|not) (?:find|locate) "
        r"(?:the |your |this |that |any )?invoice",
        r"\b(?:envoyer|renvoyer|transmettre|faire parvenir|adresser|communiquer)\s+(?:\S+\s+){0,4}?"
        r"(?:copie|duplicata|factures?|relevé|rib|pdf|bon de livraison|justificatif)\b",
        r"\bcopie de (?:la |votre |cette )?facture\b|\bduplicata\b|\brelevé de compte\b|\brib\b"
        r"|\bcoordonnées bancaires\b|\b(?:pas|jamais) (?:\w+ )?reçu (?:la|votre|cette|de|les|ces)"
        r" factures?\b",
        r"\b(?:senden|schicken|übermitteln|zusenden|zukommen lassen|übersenden)\b.{0,40}?(?:kopie|"
        r"duplikat|kontoauszug|bankverbindung|pdf|lieferschein|rechnungen?)\b",
        r"\brechnungskopie\b|\bkopie der rechnung\b|\bduplikat\b|\bkontoauszug\b|\bsaldenbestätigung"
        r"\b|\b(?:brauchen|benötigen)\b.{0,40}?\b(?:kopie|lieferschein|kontoauszug|nachweis"
        r"|unterlagen)\b|\bkontoübersicht\b|\bbankverbindung\b|\bbankdaten\b|\brechnung (?:\S+\s+){0,2}?(?:nicht"
        r"|nie) erhalten\b|\bkeine rechnung erhalten\b|\bnicht erhalten\b(?<=rechnung nicht erhalten)",
        r"\b(?:enviar|reenviar|mandar|remitir|facilitar|enviarnos|mandarnos|remitirnos)\b.{0,40}?"
        r"(?:copia|duplicado|factura|extracto|certificado|datos bancarios|pdf|albarán)\b",
        r"\bcopia de (?:la )?factura\b|\bduplicado\b|\bextracto de cuenta\b|\bestado de cuenta\b"
        r"|\bdatos bancarios\b|\bcertificado de titularidad\b|\b(?:necesitamos|necesitaríamos)\b"
        r".{0,40}?\b(?:copia|certificado|extracto|albarán|datos bancarios)\b"
        r"|\bno (?:hemos |he )?recibido (?:la |su |esa |esta |ninguna )?factura\b",
        r"\b(?:sturen|toesturen|opsturen|doorsturen|mailen|toezenden|bezorgen)\b.{0,40}?(?:kopie|"
        r"duplicaat|factuur|overzicht|pdf|pakbon)|\b(?:kopie|duplicaat|overzicht|pdf)\b.{0,40}?"
        r"\b(?:sturen|toesturen|opsturen|doorsturen|mailen|toezenden)\b",
        r"\bkopie van de factuur\b|\bfactuurkopie\b|\brekeningoverzicht\b|\bopenstaande posten\b"
        r"|\b(?:pakbon|afleverbon|leveringsbon|kopie|overzicht)\b.{0,30}\b(?:nodig|nasturen)\b"
        r"|\bsaldo-?overzicht\b|\bbankgegevens\b|\bfactuur (?:\S+\s+){0,2}?(?:niet|nooit) "
        r"ontvangen\b|\bgeen factuur ontvangen\b",
    ),
    "payment_plan": _compile(
        r"\binstal(?:l)?ments?\b|\bpayment (?:plan|schedule|arrangement)\b|\bpay (?:it )?in "
        r"(?:two|three|four|\d+) (?:parts|payments|instal(?:l)?ments|tranches|goes)\b"
        r"|\b(?:monthly|weekly) (?:payments|instal(?:l)?ments)\b|\bspread (?:the )?(?:payment|balance"
        r"|cost|amount)|\bsplit (?:the )?(?:payment|balance|amount|invoice)\b"
        r"|\bsplit (?:it|this|them|the \w+) (?:into|in)\b|\binto (?:two|three|four|\d+) (?:payments"
        r"|instal(?:l)?ments|parts)\b",
        r"\bpartial payments?\b|\bpay (?:part|half|a portion|some) of\b|\bextension\b|\b(?:more|extra"
        r"|additional) time\b|\bdefer\w*|\bpostpone\b|\bgrace period\b|\bcash ?flow\b|\bfinancial "
        r"(?:difficult\w*|problems|trouble)\b|\bhardship\b|\bper month\b|\ba month\b(?=.{0,20}until)",
        r"\béchéancier\b|\béchelonn\w+|\bplan de (?:paiement|remboursement)\b|\ben (?:deux|trois"
        r"|quatre|\d+) (?:fois|versements|échéances|mensualités)\b|\bpaiements? partiels?\b"
        r"|\bmensualités\b|\bdélai (?:de paiement|supplémentaire)\b|\breport\w*\b|\bétaler\b"
        r"|\btrésorerie\b|\bdifficultés (?:financières|de trésorerie)\b|\bacompte\b|\bpar mois\b",
        r"\bratenzahlung\w*|\bin (?:zwei|drei|vier|\d+) (?:teilen|raten|tranchen|teilbeträgen)\b"
        r"|\braten\b|\bteilzahlung\w*|\bzahlungsplan\b|\bzahlungsaufschub\b|\bstundung\b|\bzu stunden\b"
        r"|\bzahlungsziel\w*|\baufschub\b|\bmehr zeit\b|\bliquidität\w*|\bfinanzielle\w* "
        r"schwierigkeiten\b|\bengpass\w*|\bpro monat\b|\bmonatlich\w*|\babschlagszahlung\w*",
        r"\bplazos\b|\bcuotas\b|\bplan de pagos?\b|\bfraccion\w+|\baplaz\w+|\bprórroga\b|\bmás tiempo\b"
        r"|\bpagos? parcial(?:es)?\b|\ben (?:dos|tres|cuatro|\d+) (?:partes|pagos|veces|plazos)\b"
        r"|\bliquidez\b|\bdificultades (?:económicas|financieras)\b|\btesorería\b|\bal mes\b"
        r"|\bmensualidades\b",
        r"\bbetalingsregeling\b|\btermijnen\b|\bin (?:twee|drie|vier|\d+) (?:delen|termijnen|keer)\b"
        r"|\bgespreid\w*|\bspreiden\b|\bdeelbetaling\w*|\bgedeeltelijke betaling\w*|\buitstel\b"
        r"|\bmeer tijd\b|\bliquiditeit\w*|\bfinanciële (?:problemen|moeilijkheden)\b|\bkrap\b"
        r"|\bper maand\b|\bmaandelijks\w*|\bafbetal\w+",
    ),
    "out_of_office": _compile(
        r"\bout of (?:the )?office\b|\bon (?:annual |parental |sick |maternity )?leave\b"
        r"|\bon (?:vacation|holiday)\b|\baway from (?:the|my) (?:office|desk)\b|\blimited access "
        r"to (?:e-?mail|my e-?mail)\b|\bi (?:will|shall) be back\b|\bback in the office\b"
        r"|\bautomatic reply\b|\bauto-?reply\b|\bcurrently away\b|\breturn(?:ing)? to (?:the|work)",
        r"\babsente?\b|\ben congés?\b|\ben vacances\b|\bhors du bureau\b|\bde retour\b"
        r"|\bréponse automatique\b|\baccès limité\b|\ben arrêt maladie\b",
        r"\babwesend\b|\bnicht im büro\b|\baußer haus\b|\bim urlaub\b|\burlaubsbedingt\b"
        r"|\bwieder (?:im büro|erreichbar|da|zurück)\b|\bautomatische antwort\b|\belternzeit\b",
        r"\bfuera de la oficina\b|\bde vacaciones\b|\bausente\b|\bestaré de vuelta\b"
        r"|\bvolveré\b|\bde regreso\b|\brespuesta automática\b|\bacceso limitado\b"
        r"|\b(?:estoy|está|estaré) de (?:baja|permiso)\b",
        r"\bafwezig\b|\bniet op kantoor\b|\bmet vakantie\b|\bop vakantie\b|\bmet verlof\b"
        r"|\bweer aanwezig\b|\bweer op kantoor\b|\bautomatisch antwoord\b|\bbeperkt bereikbaar\b",
    ),
    "redirect": _compile(
        r"\b(?:contact|send (?:it|this|them|the invoices?|all invoices|invoices|future invoices|"
        r"reminders) to|write to|address (?:it|this|them) to|forward (?:it|this|them) to|reach out to"
        r"|email|mail)\s+(?:\S+\s+){0,4}?\S+@\S+",
        r"\bno longer (?:works?|with|handles?|responsible|in charge|employed)\b|\b(?:has )?left the "
        r"(?:company|business|firm)\b|\bnot the right (?:person|contact|department)\b|\bwrong "
        r"(?:person|contact|department)\b|\bnew (?:contact|e-?mail address|address for invoices)\b"
        r"|\b(?:upload|submit) (?:\w+ ){0,3}(?:to|on|via|through) (?:our )?\w* ?portal\b"
        r"|\bsupplier portal\b",
        r"\b(?:contacter|écrire à|vous adresser à|adresser (?:\S+ ){0,3}à|envoyer (?:\S+ ){0,4}à)"
        r"\s+(?:\S+\s+){0,4}?\S+@\S+|\bne (?:travaille|fait) plus\b|\ba quitté\b|\bn'est plus "
        r"(?:en charge|responsable|chez)\b|\bpas la bonne personne\b|\bmauvais(?:e)? "
        r"(?:interlocuteur|contact|adresse)\b|\bnouvelle adresse (?:e-?mail|mail|électronique|de facturation)\b|\bportail fournisseurs?\b",
        r"\bwenden sie sich (?:bitte )?an\b|\bkontaktieren sie\b|\b(?:senden|schicken) sie (?:\S+ )"
        r"{0,4}?an\s+\S+@\S+|\bnicht mehr (?:im unternehmen|bei uns|zuständig|für)\b|\bhat das "
        r"unternehmen verlassen\b|\bnicht (?:der|die) richtige\b|\bfalschen? (?:ansprechpartner"
        r"|adresse|empfänger)\b|\bnicht zuständig\b|\bzuständig ist\b|\bneue (?:adresse|e-mail"
        r"|ansprechpartner\w*)\b|\blieferantenportal\b",
        r"\b(?:contacte con|contactar con|diríjase a|escriba a|envíen? (?:\S+ ){0,4}a|enviar (?:\S+ )"
        r"{0,4}a)\s+(?:\S+\s+){0,4}?\S+@\S+|\bya no (?:trabaja|está|es responsable|se encarga"
        r"|me encargo|llevo)\b"
        r"|\bdejó la empresa\b|\bno es la persona\b|\bpersona equivocada\b|\bdirección "
        r"(?:equivocada|incorrecta)\b|\bno soy (?:la persona|el responsable)\b|\bnueva dirección\b"
        r"|\bportal de proveedores\b",
        r"\b(?:neem contact op met|stuur (?:\S+ ){0,4}naar|mail (?:\S+ ){0,3}naar|richt (?:\S+ )"
        r"{0,3}aan)\s*(?:\S+\s+){0,4}?\S+@\S+|\bniet meer (?:werkzaam|in dienst|verantwoordelijk)\b"
        r"|\buit dienst\b|\bheeft het bedrijf verlaten\b|\bniet de juiste (?:persoon|contactpersoon)"
        r"\b|\bverkeerde (?:persoon|contactpersoon|adres)\b|\bnieuwe (?:adres|contactpersoon|e-mail)"
        r"\b|\bleveranciersportaal\b",
    ),
    "opt_out": _compile(
        r"\bno (?:me|nos) (?:\w+ )?(?:envíe\w*|enviéis|mandéis|mande\w*|escrib\w+|contact\w+) más\b",
        r"\btake (?:this|my|our) (?:e-?mail )?address off\b|\boff your (?:mailing |automated |e-?mail )?"
        r"(?:list|reminders)\b",
        r"\bunsubscribe\b|\bstop (?:sending|emailing|contacting|spamming)\b|\b(?:do not|don't) "
        r"(?:contact|email|e-mail|send|write to) (?:me|us)\b|\bremove (?:me|us|my address|our "
        r"address) from\b|\btake (?:me|us) off\b|\bno more (?:e-?mails|reminders|messages)\b"
        r"|\bopt[- ]?out\b|\bcease (?:all )?(?:contact|communication)\b|\bharass\w*"
        r"|\b(?:do not|don't|no longer) (?:want|wish) to receive\b",
        r"\bdésinscri\w+|\bdésabonn\w+|\bne plus (?:m'|nous |me |)(?:envoyer|contacter|écrire)"
        r"|\barrêtez (?:de|d')\b|\bcessez\b|\bretirez[- ](?:moi|nous)\b|\bne (?:me|nous) contactez "
        r"plus\b|\bplus de relances\b|\bharcèlement\b|\bne (?:souhaite|veux|voulons|souhaitons) plus"
        r" recevoir\b",
        r"\babmelden\b|\baustragen\b|\bkeine (?:weiteren )?(?:e-?mails|mahnungen|nachrichten"
        r"|erinnerungen)\b|\bhören sie auf\b|\bunterlassen sie\b|\bnicht mehr (?:kontaktieren"
        r"|anschreiben|schreiben|anmailen)\b|\bbelästig\w+|\bentfernen sie (?:mich|uns|meine)\b"
        r"|\bnicht mehr (?:\S+\s+){0,2}?(?:erhalten|bekommen|zugeschickt)\b|\btragen sie (?:mich|uns)"
        r" (?:\S+ ){0,4}?aus\b",
        r"\bdar(?:me|nos)? de baja\b|\bdejen de (?:enviar|contactar|escribir)\w*|\bno (?:me|nos) "
        r"(?:contacten|envíen|escriban) más\b|\bno quiero recibir\b|\bacoso\b|\beliminen (?:mi|nuestra)",
        r"\bafmelden\b|\buitschrijven\b|\bstop met (?:het )?(?:mailen|e-?mailen|sturen|contact)\b|\bgeen (?:e-?mails"
        r"|herinneringen|aanmaningen|berichten) meer\b|\bniet meer (?:contacteren|mailen|sturen|benaderen)"
        r"\b|\bverwijder (?:mij|ons|mijn)\b|\bintimidatie\b|\bniet meer (?:\S+\s+){0,2}?ontvangen\b",
    ),
    "legal_insolvency": _compile(
        r"\bbankrupt\w*|\binsolven\w+|\b(?:in|into|entered) administration\b|\badministrators?\b"
        r"|\bliquidat\w+|\breceivership\b|\bchapter (?:7|11)\b|\bvoluntary arrangement\b|\bwinding[- ]up"
        r"\b|\bwound up\b|\b(?:our|my) (?:lawyers?|solicitors?|attorneys?|legal (?:counsel|team"
        r"|department|advisers?))\b|\blegal action\b|\blitigation\b",
        r"\bfaillite\b|\bredressement judiciaire\b|\bliquidation\b|\bprocédure (?:collective|de "
        r"sauvegarde)\b|\bmandataire judiciaire\b|\badministrateur judiciaire\b|\bavocats?\b"
        r"|\btribunal\b|\bcessation de paiements\b",
        r"\binsolvenz\w*|\bkonkurs\w*|\bzahlungsunfähig\w*|\bschutzschirm\w*|\bsanierungsverfahren\b"
        r"|\b(?:rechts)?anwält\w*|\b(?:rechts)?anwalt\w*|\bgericht(?:s\w*|lich\w*)?\b|\bliquidation\b",
        r"\bquiebra\b|\bconcurso (?:de acreedores|voluntario|necesario)\b|\bpreconcurs\w+"
        r"|\binsolvencia\b|\badministrador concursal\b|\b(?:en|la) liquidación\b|\bliquidador\w*|\bliquidación (?:de la (?:sociedad|empresa)|concursal)\b|\babogad[oa]s?\b|\btribunal\b"
        r"|\bjuzgado\b|\bsuspensión de pagos\b",
        r"\bfaillissement\b|\bfailliet\b|\bcurator\b|\bsurseance\b|\binsolventie\b|\badvocaat\b"
        r"|\brechtbank\b|\bvereffening\b|\bbewindvoerder\b|\bschuldsanering\b",
    ),
    "acknowledgement": _compile(
        r"\b(?:thanks|thank you) for (?:the|your) (?:reminder|e-?mail|message|note|notice)\b|\bnoted\b"
        r"|\b(?:we|i)(?:'ll| will) (?:look into|check|review|revert|get back|come back)\b|\blooking "
        r"into (?:it|this)\b|\bforwarded (?:\S+ ){0,3}to\b|\bpassed (?:it|this) on\b|\backnowledged?\b"
        r"|\bunderstood\b|\bwe are (?:checking|reviewing|looking)\b|\breceived,? thanks?\b",
        r"\bbien (?:reçu|noté)\b|\bc'est noté\b|\bmerci pour (?:votre|le|ce) (?:rappel|message|mail"
        r"|courriel|relance)\b|\bnous (?:regardons|vérifions|examinons|revenons)\b|\bje (?:regarde"
        r"|vérifie|transmets|fais suivre|reviens)\b|\btransmis\b|\bpris (?:bonne )?note\b",
        r"\b(?:danke|vielen dank) für (?:die|ihre|ihren) (?:erinnerung|nachricht|e-?mail|mail|hinweis)"
        r"\b|\bzur kenntnis genommen\b|\bwir (?:prüfen|kümmern|melden uns|schauen)\b|\bich (?:prüfe"
        r"|kümmere|melde mich|leite|schaue)\b|\bweitergeleitet\b|\bin bearbeitung\b|\bwird geprüft\b",
        r"\b(?:gracias|muchas gracias) por (?:el|su|tu) (?:recordatorio|correo|mensaje|aviso)\b"
        r"|(?:^|(?<=[.!?¡\n]))\s*recibido\b|\blo (?:paso|he pasado|hemos pasado) a\b"
        r"|\btomamos nota\b|\btomo nota\b|\blo (?:revisamos|revisaremos|reviso|miramos|miraremos)\b"
        r"|\b(?:he|hemos) (?:reenviado|trasladado|pasado)\b|\bnos pondremos en contacto\b"
        r"|\bestamos revisando\b|\bles? responderemos\b",
        r"\b(?:bedankt|dank) voor (?:de|uw|je) (?:herinnering|e-?mail|bericht)\b|\bgenoteerd\b"
        r"|\bwe (?:kijken|zoeken) (?:het|ernaar|dit) (?:na|uit)\b|\bik (?:kijk|zoek) (?:het|dit|"
        r"ernaar)\b|\bdoorgestuurd\b|\bkomen (?:hier |er )?(?:op )?(?:bij u )?op terug\b"
        r"|\bin behandeling\b|\bwordt (?:bekeken|uitgezocht)\b",
    ),
    "question": _compile(
        r"(?:\b(?:invoice|pay|paid|account|bank|amount|statement|credit|fee|due|balance|order"
        r"|factur|paiement|pay|compte|montant|rechnung|zahl|konto|betrag|pago|pagar|cuenta"
        r"|importe|betal|rekening|bedrag)|#)[^?.!\n]{0,100}\?",
        r"\b(?:could|can|would) you (?:please )?(?:tell|explain|confirm|clarify|let (?:me|us) know)\b"
        r"|\bwondering\b|\bwould like to know\b|\bplease (?:explain|clarify|advise)\b",
        r"\bpourriez-vous\b|\bpouvez-vous\b|\bpourquoi\b|\bje voudrais savoir\b|\bmerci de "
        r"(?:préciser|confirmer|m'indiquer|nous indiquer)\b",
        r"\bkönnten sie\b|\bkönnen sie\b|\bwarum\b|\bwieso\b|\bweshalb\b|\bbitte (?:teilen|erklären)\b",
        r"\bpodría(?:n)?\b|\bpor qué\b|\bquisiera saber\b|\bme (?:podría|puede) (?:indicar|explicar)\b",
        r"\bkunt u\b|\bkan u\b|\bkunnen jullie\b|\bwaarom\b|\bgraag (?:uitleg|weten)\b",
    ),
}

# More ways of saying the same things, in all five languages (added with the second
# batch of corpus texts); kept apart so that each list above stays readable.
_MORE = {
    "promise_to_pay": [
        r"\b(?:will|shall|is going to) be (?:paid|settled|transferred|wired|remitted|cleared)\b",
        r"\b(?:it|this|payment|invoice|transfer)\s+(?:gets|will get|is getting)\s+(?:paid|released"
        r"|processed|sent)\b",
        r"\b(?:je|nous|on) (?:lance|lançons|fais|faisons|passe|passons|envoie|envoyons|programme"
        r"|programmons) (?:le|la|un|une|notre) (?:virement|paiement|règlement)\b",
        r"\b(?:betrag|geld|euro|zahlung|überweisung)\w*\s+(?:\S+\s+){0,2}?(?:kommt|kommen|geht"
        r"|gehen)\b",
        r"\b(?:os|le|les|te) (?:hacemos|mandamos|enviamos|pagamos|transferimos|ingresamos"
        r"|abonamos)\b",
        r"\b(?:will|'ll|shall|should|is going to) go out\b",
        r"\b(?:funds|money|payment|transfer)\s+(?:\S+\s+){0,2}?(?:should|will|shall)\s+(?:land|arrive"
        r"|reach|hit|clear)\b",
        r"\b(?:passera|partira|sera incluse?) dans (?:notre|le|la) (?:prochain\w* )?(?:virement"
        r"|campagne|paiement|règlement)|\bvirement groupé\b|\bcampagne de (?:paiement|règlement)s?\b",
        r"\bremesa de pagos\b|\bentra(?:rá)? en (?:la|el) (?:próxima |próximo )?(?:remesa|ciclo de "
        r"pagos)\b",
    ],
    "paid_already": [
        r"\b(?:was|were) (?:remitted|paid|settled|transferred|wired|sent)\b"
        r"|\bse (?:transfirieron|transfirió|pagaron|pagó|abonaron|abonó|ingresó|ingresaron"
        r"|enviaron|envió)\b",
        r"\b(?:we|i) (?:made|sent|did|processed|released) (?:a |the |our )?(?:payment|transfer"
        r"|bank transfer)\b",
        r"\b(?:is|zijn|werd|werden)\s+(?:\S+\s+){0,6}?(?:betaald|overgemaakt|voldaan|overgeboekt)\b",
        r"\b(?:paiement|règlement|virement)\b.{0,40}?\b(?:est|a été) (?:\w+ )?(?:parti|envoyé|émis"
        r"|effectué|exécuté)\b",
        r"\b(?:ist|sind|ging|gingen) (?:\S+ ){0,3}?raus\b|\brausgegangen\b",
    ],
    "dispute": [
        r"\b(?:even though|although|whereas|while) (?:we|you) (?:had )?agreed\b|\balors que nous"
        r" (?:avions|avons) (?:convenu|négocié)\b|\bobwohl\b.{0,50}\bvereinbart\b|\baunque"
        r" (?:habíamos|hemos) acordado\b|\bterwijl (?:we|wij|er)\b.{0,60}\bafgesproken\b",
        r"\b(?:not|won't be|will not be) paying (?:it|this|that|for)\b|\bwithhold\w*"
        r"|\bno vamos a pagar (?:un|el|la|este|esta|eso|nada)\b|\bsin terminar\b|\ba medias\b",
        r"\bne (?:validerons|validons|pouvons pas valider)\b|\bn'a pas (?:été )?(?:terminé|fini"
        r"|achevé)\b|\bvous avez (?:appliqué|facturé|compté)\b.{0,60}\balors que\b"
        r"|\brefaire la facture\b|\bdefecto\w*",
        r"\b(?:isn't|is not|wasn't|was not|not yet|still not) (?:finished|completed?|done|working)\b",
        r"\b(?:not|won't|will not|cannot|can't) (?:be )?(?:sign(?:ing)? (?:it |this )?off|approv\w+)\b",
        r"\b(?:turned up|arrived|came|delivered) (?:\w+ ){0,3}late\b|\b(?:does not|doesn't|do not"
        r"|don't) (?:match|correspond)\b|\bcorrected invoice\b|\bshould have been\b",
        r"\byou(?: have)? (?:billed|invoiced|charged) (?:us )?(?:for )?.{0,60}\b(?:but|while|whereas)\b",
        r"\bne (?:correspond|correspondent) pas\b|\bfacture (?:corrigée|rectificative)\b"
        r"|\bvous (?:nous )?(?:facturez|avez facturé)\b.{0,60}\balors que\b|\bne paier\w* que\b"
        r"|\bn'en (?:mentionne|compte|indique|contient) que\b",
        r"\bentsprich?t nicht\b|\bentsprechen nicht\b|\bnicht (?:\S+ ){0,2}?freige(?:ben|geben)\b"
        r"|\bkorrigierte rechnung\b|\brechnungskorrektur\b",
        r"\bno (?:corresponde|coincide)n?\b|\bfactura (?:rectificativa|corregida)\b",
        r"\bkomt niet overeen\b|\bgecorrigeerde factuur\b|\bhad (?:\S+ ){0,3}?moeten\b",
        # "why 438,90 € when your website says 389 €?": a why about what was charged
        r"\b(?:why|warum|wieso|weshalb|waarom|pourquoi|por qué|porque)\b[^?]{0,60}?(?:[€£$]|\bchf\b"
        r"|\beur\b|\bcharg\w*|\bbill(?:ed|ing)\b|\binvoiced\b|\bberechn\w*|\brechnen\b|\babrechn\w*"
        r"|\bfactur(?:ez|é|ée|ado|ada|an|eren|eert)\b|\bcobr\w*|\bberekend\b|\brekenen\b)",
    ],
    "request_document": [
        r"\b(?:supplier|account|customer) statement\b|\bstatement as (?:at|of)\b"
        r"|\balbar[aá]n\w*|\bsaldolijst\b|\b(?:me|nous) (?:la|le|les) (?:renvoyer|transmettre"
        r"|envoyer|faire parvenir)\b",
        r"\baufstellung (?:\S+ ){0,3}?(?:offenen|rechnungen|posten)\b|\boffene posten\b",
        r"\b(?:kopie|duplicaat|overzicht|pdf|factuur)\b.{0,40}?\b(?:nogmaals |opnieuw )?"
        r"(?:sturen|toesturen|opsturen|doorsturen|mailen|toezenden)\b",
        r"\b(?:need|require|want|missing)\s+(?:\w+\s+){0,2}?(?:copy|copies|statement|w-?9"
        r"|bank details|pdf|proof of delivery|delivery note|pod)\b",
        r"\b(?:re-?send|resend) (?:it|them|this|that|the invoice)\b",
        r"\brelevé (?:de |du )?(?:\w+ ){0,2}?compte\b",
        # "where is the invoice? we only got the reminder"
        r"\b(?:where is|where's|wo ist|wo bleibt|où est|dónde está|waar is|waar blijft) (?:the |your |die"
        r" |ihre |la |votre |de |uw )?(?:invoice|rechnung|facture|factura|factuur)\b",
    ],
    "redirect": [
        r"\b(?:invoices?|statements?|reminders?|factures?|relances?|rechnungen?|mahnungen"
        r"|facturas|recordatorios|facturen|herinneringen|payables|kreditoren)\b.{0,100}?\S+@\S+"
        r"|\S+@\S+.{0,60}?\b(?:invoices?|factures?|rechnungen?|facturas|facturen)\b",
        r"\b(?:send|forward|address|mail|email) (?:\S+ ){0,6}?to\s+(?:\S+\s+){0,3}?\S+@\S+",
        r"\bdirect (?:\S+ ){0,5}?to\s+\S+@\S+|\b(?:tienen que|deben|deberán) (?:ir|enviarse"
        r"|mandarse) a\s+\S+@\S+|\bnaar\s+\S+@\S+\s+(?:te )?(?:sturen|mailen|zenden)\b"
        r"|\b(?:senden|schicken) sie (?:\S+ ){0,8}?an\s+\S+@\S+"
        r"|\bdit adres wordt niet (?:gelezen|gecontroleerd)\b",
        r"\b(?:go|goes|should go|must go|to be sent|are to be sent) to\s+\S+@\S+",
        r"\b(?:mailbox|inbox|address) is (?:not|no longer) (?:monitored|checked|in use)\b",
        r"\b(?:écrivez|contactez|adressez[- ]vous|envoyez)\b(?:\s+\S+){0,4}?\s+\S+@\S+"
        r"|\bce n'est plus moi\b",
    ],
    "payment_plan": [
        r"\d[\d,.]*\s*(?:€|eur|euros?|£|\$|usd|gbp|chf)?\s*(?:a|per|each|every) month\b",
        r"\b(?:half|part|some) now\b|\bthe (?:other half|rest|remainder) (?:in|by|next|later|at)\b",
        r"\bla moitié maintenant\b|\bdie hälfte jetzt\b|\bla mitad ahora\b|\bde helft nu\b"
        r"|\bnu de helft\b",
    ],
    "acknowledgement": [
        r"\bpassed (?:this|it) (?:on )?to\b|\bdoorgezet\b|\bdoorgegeven\b|\bist angekommen\b"
        r"|\bc'est transmis\b|\blo (?:paso|pasamos) a\b",
        r"\bleave it with (?:me|us)\b|\bje m'en occupe\b|\bnous nous en occupons\b"
        r"|\bqueda anotado\b|\b(?:le|te|os|les) digo algo\b|\bdanke für den hinweis\b"
        r"|\bga (?:er|hier)mee aan de slag\b|\bik pak het op\b",
        r"\bgot it\b|(?<![\w'])(?:will|i'll|we'll) (?:chase|follow up|look into|check|revert)\b",
        r"\bgracias por (?:avisar|el aviso|la información)\b|\blo (?:miro|miraré|revisaré|consulto"
        r"|comento)\b",
    ],
}
for _intent, _patterns in MORE_4.items():
    _MORE.setdefault(_intent, []).extend(_patterns)
for _intent, _patterns in _MORE.items():
    CUES[_intent] = re.compile(
        CUES[_intent].pattern + "|" + "|".join(f"(?:{p})" for p in _patterns), _I
    )
