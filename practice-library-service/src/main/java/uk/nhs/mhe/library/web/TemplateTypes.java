package uk.nhs.mhe.library.web;

import io.quarkus.qute.TemplateData;
import uk.nhs.mhe.library.casestudy.CaseStudy;
import uk.nhs.mhe.library.casestudy.CaseStudyInput;
import uk.nhs.mhe.library.search.SearchResult;

/** Value resolvers for the service's records that templates read (Qute uses no reflection). */
@TemplateData(target = CaseStudy.class)
@TemplateData(target = CaseStudy.Attachment.class)
@TemplateData(target = CaseStudyInput.Outcome.class)
@TemplateData(target = CaseStudyInput.Contact.class)
@TemplateData(target = SearchResult.class)
@TemplateData(target = SearchResult.Item.class)
@TemplateData(target = Facet.class)
@TemplateData(target = Facet.Option.class)
@TemplateData(target = Pagination.class)
@TemplateData(target = Pagination.Link.class)
@TemplateData(target = PageUser.class)
@TemplateData(target = CaseStudyForm.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
