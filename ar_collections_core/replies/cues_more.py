# ruff: noqa: E501 - regex alternatives read better unwrapped
"""More cue patterns (fourth batch, replies-3), added to ``cues.CUES``.

Fourth batch (replies-3): plan proposals read as promises, payments by another entity,
lawyer and administrator letters, opt-outs worded as complaints, invoices not found.
Fifth batch (replies-5): the money announced from the customer's side ("Sie erhalten den
Betrag in den nächsten Tagen", "geht heute noch raus", "les llegará la transferencia").
"""

from __future__ import annotations

from ar_collections_core.replies.modifiers import WRONG_ADDRESSEE

MORE_4 = {
    "promise_to_pay": [
        # "you'll get the money next week": the customer announces what is coming
        r"\byou(?:'ll| will| should) (?:get|see|have) (?:the |your |our )?(?:money|funds|amount"
        r"|balance|transfer)\b|\bvous (?:recevrez|aurez|verrez) (?:le |la |les |votre )?(?:montant"
        r"|somme|argent|fonds)\b",
        r"\b(?:erhalten|bekommen) sie (?:den|das|die|ihr|ihre) (?:\S+ )?(?:betrag|geld|summe"
        r"|zahlung|überweisung)\b|\bsie (?:erhalten|bekommen) (?:den|das|die|ihr|ihre) (?:\S+ )?"
        r"(?:betrag|geld|summe|zahlung|überweisung)\b(?!.{0,30}\b(?:bereits|schon)\b)",
        # "geht heute noch raus", "geht Freitag raus": present tense with a time to come
        r"\b(?:geht|gehen)\s+(?:\S+\s+){0,3}?(?:heute|morgen|übermorgen|diese woche|nächste\w*"
        r"|montag|dienstag|mittwoch|donnerstag|freitag|ende)\b(?:\s+\S+){0,3}?\s+(?:raus|hinaus)\b",
        r"\b(?:tendrán|recibirán|les llegará|os llegará|le llegará) (?:el |la |su )?(?:dinero"
        r"|importe|pago|transferencia|ingreso)\b",
        r"\bu (?:krijgt|ontvangt|heeft) (?:het|de|uw) (?:geld|bedrag|overboeking)\b",
        # set down for a day to come: "ist für Freitag terminiert", "in the queue for our next run"
        r"\b(?:terminiert|vorgemerkt|eingeplant|disponiert)\b(?!.{0,20}\b(?:bereits|schon)\b)"
        r"|\bbooked in for\b|\bin the (?:queue|pipeline) for\b|\b(?:next|upcoming) (?:cheque|check"
        r"|bacs|pay) run\b",
        # approving the payment today: "je valide le paiement cet après-midi"
        r"\b(?:je|nous|on) (?:valide|validons|libère|libérons|débloque|débloquons) (?:le|la|les)"
        r" (?:paiement|règlement|virement)s?\b|\b(?:ich|wir) (?:gebe|geben) (?:die|den) (?:zahlung"
        r"|überweisung|rechnung|betrag) (?:\S+ ){0,3}?frei\b|\b(?:ik|we|wij) (?:keur|keuren) (?:de|het)"
        r" (?:betaling|factuur|bedrag) (?:\S+ ){0,3}?goed\b",
        # "lo pagamos a final de mes": a present tense with a time to come
        r"\b(?:lo |la |los |las )?(?:pagamos|abonamos|transferimos|liquidamos|ingresamos)\b"
        r"(?:\s+\S+){0,3}?\s+(?:a (?:final|finales|fin) de|la (?:próxima )?semana|el próximo"
        r"|antes del?|este (?:mes|viernes|lunes|martes|miércoles|jueves))\b",
    ],
    "redirect": [WRONG_ADDRESSEE.pattern],
    "question": [
        # an open question about the account: "when is the next instalment due?"
        r"(?:^|[.!?]\s+|\n)¿?(?:what|how|which|when|who|quel(?:le)?s?|comment|combien|quand"
        r"|wie|welche[rsnm]?|wann|wieviel|qué|cómo|cuál(?:es)?|cuándo|cuánt[oa]s?|hoe|wat|welke"
        r"|wanneer|hoeveel)\b[^?.!\n]{0,100}?\b(?:instal(?:l)?ments?|plan|terms|interest|fees?"
        r"|échéanc\w*|mensualit\w+|intérêts|frais|conditions|rate[n]?|zinsen|gebühr\w*|konditionen"
        r"|cuotas?|plazos?|intereses|gastos|condiciones|termijn\w*|rente|kosten|voorwaarden)\b"
        r"[^?.!\n]{0,60}\?",
    ],
    "payment_plan": [
        r"\b(?:the )?(?:rest|remainder|remaining (?:amount|balance)|what'?s left)\s+"
        r"(?:\S+\s+){0,2}?(?:by|in|at|on|next|over|later|end|once|when|after|the following)\b"
        r"|\bpart of it (?:now|today|straight away|immediately|this (?:week|month))\b"
        r"|\b(?:a (?:third|quarter|half)|\S+ (?:chunks|parts)) (?:each|every|per|a) (?:month|week)\b"
        r"|\bmonthly (?:chunks|amounts|parts|sums)\b",
        r"\b(?:le|du) (?:reste|solde|restant)\s+(?:\S+\s+){0,2}?(?:fin|le mois|en|à|dans|au"
        r"|d'ici|après|plus tard)\b|\bune partie (?:maintenant|ce mois|tout de suite"
        r"|aujourd'hui|dès)|\ben plusieurs (?:fois|versements|échéances)\b",
        r"\b(?:den|der) rest(?:betrag)?\b|\brestbetrag\b|\beinen teil (?:\S+ )?(?:jetzt|sofort"
        r"|heute|diesen monat)\b|\bteilbeträg\w*|\babzuzahlen\b|\babzahl\w+",
        r"\bel resto\b|\blo que (?:queda|resta)\b|\buna parte (?:ahora|este mes|ya|hoy)\b"
        r"|\bla otra (?:parte|mitad)\b|\ba plazos\b",
        r"\bde rest\b|\bhet rest(?:erende)? bedrag\b|\brestant\w*|\been deel (?:nu|deze maand"
        r"|vandaag|direct)\b|\bin (?:een paar )?(?:maandelijkse )?delen\b",
    ],
    "paid_already": [
        # replies-5: the books say paid ("shows as paid in our system", "als bezahlt verbucht")
        r"\b(?:shows?|showing|shown|marked|recorded|booked|posted) as (?:paid|settled|cleared)\b"
        r"|\bapparaît comme (?:réglée|payée|soldée)\b|\b(?:notée|enregistrée|comptabilisée) comme"
        r" (?:réglée|payée)\b|\bals (?:bezahlt|beglichen|ausgeglichen|erledigt) (?:verbucht|markiert"
        r"|gekennzeichnet|gebucht)\b|\bconsta(?:n)? como (?:pagad[oa]s?|abonad[oa]s?|liquidad[oa]s?)\b"
        r"|\b(?:staat|staan) (?:bij ons )?(?:als )?(?:betaald|voldaan)\b|\bals (?:betaald|voldaan)"
        r" (?:geboekt|gemarkeerd|verwerkt)\b",
        # a payment done, in the past or perfect: "Der Ausgleich erfolgte am 5.", "ist erfolgt"
        r"\b(?:zahlung|überweisung|ausgleich|zahlungseingang|begleichung)\b.{0,40}?\b(?:erfolgte"
        r"|(?:ist|wurde|wurden|sind) (?:\S+ ){0,3}?(?:erfolgt|ausgeführt)|erfolgt sein"
        r"|ausgeführt worden)\b|\b(?:wurde|wurden|ist|sind|hat|haben)\b.{0,40}?\b(?:eingezogen"
        r"|abgebucht)\b(?!\s+werden)|\b(?:wurde|wurden)\s+(?:\S+\s+){0,8}?(?:bezahlt|beglichen"
        r"|überwiesen|ausgeglichen|angewiesen|gezahlt)\b"
        r"|\b(?:was|were|has been) (?:collected|debited|taken) by direct debit\b"
        r"|\ba été prélevée?\b|\bse (?:cargó|cobró) (?:por|en|mediante) (?:la )?domiciliación\b"
        r"|\bis (?:\S+ ){0,3}?(?:afgeschreven|geïncasseerd)\b",
        # "we don't have anything outstanding with you", "keine offenen Posten"
        r"\b(?:don't|do not) (?:have|owe) (?:you )?anything (?:outstanding|more)\b|\bnothing"
        r" (?:left )?open\b|\bkeine offenen posten\b|\b(?:kein )?offene[rn]? posten (?:ist |sind )?"
        r"(?:bei uns )?nicht mehr\b|\bplus rien (?:d'ouvert|en attente)\b|\bnada pendiente\b"
        r"|\bniets (?:meer )?(?:open|openstaan)\b",
        # settled by offsetting a credit note: paid, though a credit note is named
        r"\b(?:offset|netted|set off) against\b|\bverrechnet\b|\bpar compensation\b"
        r"|\bcompensad[oa]s? con\b|\bverrekend\b",
        # paid to the old account, paid twice: money sent, whatever went wrong after
        r"\b(?:zahlung|überweisung|payment|transfer|paiement|virement|pago|transferencia|betaling"
        r"|overboeking)\b.{0,40}\b(?:alte[sn]? konto|old (?:bank )?account|ancien compte"
        r"|antigua cuenta|cuenta anterior|oude rekening\w*)\b"
        r"|\b(?:doppelt|zweimal) (?:bezahlt|überwiesen|gezahlt)\b|\bpaid (?:\S+ ){0,3}?twice\b"
        r"|\bpayé (?:\S+ ){0,3}?deux fois\b|\bpag(?:amos|ado) (?:\S+ ){0,3}?dos veces\b"
        r"|\btwee keer (?:\S+ )?betaald\b",
        # "Réglé ce matin.", "Heute morgen erledigt.", "Done yesterday."
        r"\b(?:paid|settled|done|sorted|réglée?|payée?|virée?|fait|erledigt|bezahlt|überwiesen"
        r"|pagad[oa]|abonad[oa]|hecho|geregeld|betaald|overgemaakt|gedaan)\b.{0,12}\b(?:this morning"
        r"|yesterday|ce matin|hier|heute (?:morgen|früh)|gestern|esta mañana|ayer|vanochtend"
        r"|gisteren)\b|\b(?:this morning|yesterday|ce matin|hier|heute (?:morgen|früh)|gestern"
        r"|esta mañana|ayer|vanochtend|gisteren)\b.{0,12}\b(?:paid|settled|done|sorted|réglée?"
        r"|payée?|virée?|erledigt|bezahlt|überwiesen|pagad[oa]|abonad[oa]|geregeld|betaald"
        r"|overgemaakt|gedaan)\b",
        # "nothing is outstanding", "on ne vous doit plus rien"
        r"\bowe you nothing\b|\bnothing (?:is )?(?:outstanding|owing|due)\b|\bne vous (?:doit|devons)"
        r" (?:plus )?rien\b|\bschulden (?:ihnen )?nichts\b|\bnichts mehr offen\b|\bno (?:les |os )?"
        r"debemos nada\b|\b(?:zijn|is) (?:u |jullie )?niets (?:meer )?verschuldigd\b"
        r"|\bniets meer open\b",
        # "Il est parti le 1er.", "Salió el día 1."
        r"\b(?:il|elle) est parti\w*\b|\bsali[óo] (?:el|ayer|hace|ya)\b|\b(?:sie|er) ist (?:\S+ )?raus\b",
        r"\b(?:head office|headquarters|parent(?: company)?|group|holding)\s+(?:\S+\s+){0,3}?"
        r"(?:paid|settled|cleared|transferred|remitted)\b"
        r"|\b(?:money|payment|funds|transfer)\s+(?:\S+\s+){0,1}?(?:went|has gone|left|was sent)"
        r"\b|\bremittance\s+(?:\S+\s+){0,2}?attached\b",
        r"\b(?:a|ont) procédé au (?:règlement|paiement|virement)\b|\bavis de virement\b"
        r"|\b(?:paiement|virement|règlement) (?:est )?parti\b",
        r"\b(?:hat|haben)\s+(?:\S+\s+){0,5}?(?:bezahlt|überwiesen|beglichen|angewiesen|gezahlt"
        r"|ausgeglichen)\b|\bzahlungsavis\b|\b(?:geld|betrag|zahlung)\b.{0,30}\brausgegangen\b",
        r"\bel pago lo (?:hizo|realizó|efectuó)\b|\b(?:transferencia|pago) sali[óo]\b"
        r"|\b(?:adjunto|adjuntamos) (?:el |los )?(?:justificante|comprobante)\w*",
        r"\bheeft\s+(?:\S+\s+){0,5}?(?:betaald|overgemaakt|voldaan|overgeboekt)\b"
        r"|\bbetaalbevestiging\b|\bde deur uit gegaan\b|\bging (?:\S+ ){0,3}?de deur uit\b",
    ],
    "legal_insolvency": [
        r"\bwe (?:act|are acting) (?:for|on behalf of)\b|\bon behalf of our client\b"
        r"|\binstructed by our client\b|\bthis firm\b|\b(?:joint |official )?"
        r"receivers?\b|\binsolvency practitioner\b|\bproof of debt\b|\bcreditors'? (?:meeting"
        r"|claims?)\b|\bjoint (?:administrators|liquidators)\b",
        r"\b(?:pour le compte|au nom) de notre client(?:e)?\b|\bconseil de la société\b|\bmandataire\b|\bjugement (?:d'ouverture"
        r"|du)\b|\bdéclar(?:er|ation de) (?:votre |sa |la )?créance\b",
        r"\bunsere[rn]? mandant\w*|\bwir vertreten\b|\b(?:vorläufige[nr]? )?(?:insolvenz)?verwalter"
        r"\w*|\bforderungen\b.{0,40}\banzumelden\b",
        r"\bnuestra representada\b|\ben nombre de nuestr[oa] cliente\b|\ben (?:nombre y )?representación de\b"
        r"|\badministración concursal\b|\bdeclarad[oa] en concurso\b",
        r"\bnamens (?:onze )?cliënt\w*|\bvorderingen?\b.{0,40}\bindienen\b",
    ],
    "opt_out": [
        r"\b(?:stop|enough with) (?:these|this|the|your) (?:e-?mails|messages|reminders|letters"
        r"|notices)\b|\bstop sending (?:these|them|this)\b|\bremove us\b|\b(?:mailing|distribution"
        r") list\b|\b(?:do not|don't) want (?:any more|to receive)\b",
        r"\bretir(?:er|ez) (?:notre|mon|nos) (?:adresse|e-?mail)\b|\bliste de diffusion\b"
        r"|\bne voulons plus\b|\bsupprim(?:er|ez) (?:notre|mon) adresse\b",
        r"\b(?:aus|von) (?:ihrem|dem|ihrer) (?:verteiler|mailingliste|e-?mail-?liste)\b"
        r"|\bwollen wir nicht mehr\b|\bverteiler nehmen\b",
        r"\bbórren(?:me|nos)\b|\bquíten(?:me|nos)\b|\blista de (?:correo|distribución|envío)\b"
        r"|\bno queremos (?:seguir )?recibir\b",
        r"\bhaal (?:ons|mij|me) (?:\S+ ){0,2}?van\b|\bverzendlijst\b|\bmailinglijst\b"
        r"|\bwillen (?:\S+ ){0,3}?niet (?:langer|meer)\b",
    ],
    "request_document": [
        # "nobody ever sent us the invoice", "nunca nos llegó la factura"
        r"\b(?:invoices?|factures?|rechnung(?:en)?|facturas?|factuur|facturen)\b.{0,30}\b(?:never"
        r"|nie|niemals|jamais|nunca|nooit)\b.{0,25}\b(?:received|arrived|reached|erhalten|bekommen"
        r"|reçue?s?|recibid[oa]s?|llegó|llegado|ontvangen|gekregen)\b"
        r"|\b(?:never|nie|jamais|nunca|nooit)\b.{0,25}\b(?:sent|received|arrived|reached|erhalten"
        r"|reçu|llegó|ontvangen)\b[^,.;]{0,20}\b(?:invoices?|rechnung|facture|factura|factuur)\b"
        r"|\b(?:nobody|no one|niemand|personne|nadie)\b.{0,20}\b(?:sent|geschickt|gesendet"
        r"|envoyé|envió|enviado|gestuurd)\b[^,.;]{0,20}\b(?:invoices?|rechnung|facture|factura"
        r"|factuur)\b"
        r"|\bn'(?:ai|avons) vu passer aucune facture\b",
        r"\bcan(?:'t|not|t) (?:\S+ )?(?:find|locate|trace) (?:it|this|that|them|this one|any record)"
        r"\b|\bno record of (?:the |this |that |your )?invoice\b|\bnever reached (?:us|our)\b"
        r"|\bever reached\b|\b(?:email|send) the invoice again\b",
        r"\bne (?:re)?trouvons pas\b|\bintrouvable\b|\bnous la renvoyer\b|\bne l'avons (?:jamais )?"
        r"reçue\b",
        r"\bliegt (?:uns )?(?:leider )?nicht vor\b|\bnicht auffindbar\b|\b(?:finden|sehen) (?:die|diese"
        r"|ihre) rechnung nicht\b|\berneut zu(?:senden|schicken)?\b|\bnochmals? (?:zu)?(?:senden"
        r"|schicken)\b",
        r"\bno (?:encontramos|localizamos|tenemos constancia de)\b|\bvolver a enviar\b"
        r"|\breenviárnosla\b",
        r"\b(?:niet|nergens) (?:\S+ )?(?:terug)?vinden\b|\bopnieuw (?:toe)?sturen\b",
    ],
}
